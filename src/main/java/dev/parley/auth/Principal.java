package dev.parley.auth;

/**
 * Who made an authenticated request: the account it acts as, and the credential used (the account
 * SID itself for the auth token, or an {@code SK…} API key SID).
 */
public record Principal(String accountSid, String credentialSid) {
  public boolean usedAuthToken() {
    return accountSid.equals(credentialSid);
  }
}
