package dev.parley.auth;

import dev.parley.ids.AccountSid;

/**
 * Who made an authenticated request: the account it acts as, and the credential used (the account
 * SID itself for the auth token, or an {@code SK…} API key SID).
 */
public record Principal(String accountSid, String credentialSid) {
  /** The account, typed for the domain services. */
  public AccountSid account() {
    return new AccountSid(accountSid);
  }

  public boolean usedAuthToken() {
    return accountSid.equals(credentialSid);
  }
}
