package dev.parley.webhooks;

import dev.parley.auth.AccountService;
import java.util.HashMap;
import java.util.Map;

/**
 * Each account's auth token, the key of its webhook signatures, unsealed once a minute at most
 * rather than per delivery. Used by the dispatcher thread only.
 */
final class SigningKeys {
  private static final long KEEP_NANOS = 60_000_000_000L;
  private final AccountService accounts;
  private final Map<String, Key> keys = new HashMap<>();

  private record Key(String token, long loadedNanos) {}

  SigningKeys(AccountService accounts) {
    this.accounts = accounts;
  }

  /** The account's auth token; throws when the account is gone. */
  String of(String accountSid) {
    long now = System.nanoTime();
    Key key = keys.get(accountSid);
    if (key == null || now - key.loadedNanos() > KEEP_NANOS) {
      key = new Key(accounts.authToken(accounts.find(accountSid)), now);
      keys.put(accountSid, key);
    }
    return key.token();
  }
}
