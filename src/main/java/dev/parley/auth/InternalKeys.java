package dev.parley.auth;

import dev.parley.ids.RandomSids;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ApiKeyRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;

/**
 * The API keys Parley makes for itself to sign tokens (Webchat guests, console agents): ordinary
 * keys of the account with a sealed random secret, named for what they sign, so that an operator
 * listing the account's keys sees what each is for (and deleting one revokes those tokens).
 */
public final class InternalKeys {
  private final Store store;
  private final Clock clock;
  private final RandomSids random;
  private final SecretBox box;

  public InternalKeys(Store store, Clock clock, RandomSids random, SecretBox box) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.box = box;
  }

  /** Makes a key named {@code friendlyName} inside {@code tx}; its SID. */
  public String create(Tx tx, String accountSid, String friendlyName) {
    Instant now = clock.instant();
    ApiKeyRecord key =
        new ApiKeyRecord(
            random.next(SidPrefix.API_KEY),
            accountSid,
            friendlyName,
            box.seal(random.secret(16)),
            now,
            now);
    store.apiKeys().insert(tx, key);
    return key.sid();
  }
}
