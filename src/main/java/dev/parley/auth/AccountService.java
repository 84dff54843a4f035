package dev.parley.auth;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.store.AccountRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;

/** Accounts: creating them with sealed auth tokens, and reading them back. */
public final class AccountService {
  private final Store store;
  private final Clock clock;
  private final SecretBox box;

  public AccountService(Store store, Clock clock, SecretBox box) {
    this.store = store;
    this.clock = clock;
    this.box = box;
  }

  /** Inserts an account in {@code tx}; the auth token is stored sealed. */
  public AccountRecord create(
      Tx tx, String sid, String ownerAccountSid, String friendlyName, String authToken) {
    Instant now = clock.instant();
    AccountRecord account =
        new AccountRecord(
            sid, ownerAccountSid, friendlyName, "active", box.seal(authToken), now, now);
    store.accounts().insert(tx, account);
    return account;
  }

  public AccountRecord find(String sid) {
    return store
        .read(tx -> store.accounts().find(tx, sid))
        .orElseThrow(() -> new ApiException(TwilioError.NOT_FOUND, "/2010-04-01/Accounts/" + sid));
  }

  /** The plain auth token of an account (to sign webhooks, or for the operator to read). */
  public String authToken(AccountRecord account) {
    return box.open(account.authToken());
  }
}
