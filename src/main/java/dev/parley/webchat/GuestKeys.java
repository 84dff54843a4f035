package dev.parley.webchat;

import dev.parley.auth.SecretBox;
import dev.parley.ids.RandomSids;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ApiKeyRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API key that signs an account's Webchat guest tokens: an ordinary key of the account (so a
 * guest token is a Twilio-format token like any other and verifies the same way), named {@value
 * #FRIENDLY_NAME} and made on the first guest. Its secret is never shown. Deleting it through the
 * Keys API invalidates every guest token at once; the next guest gets a new key.
 */
public final class GuestKeys {
  private static final Logger log = LoggerFactory.getLogger(GuestKeys.class);
  public static final String FRIENDLY_NAME = "Parley Webchat guest tokens (internal)";

  private final Store store;
  private final Clock clock;
  private final RandomSids random;
  private final SecretBox box;

  public GuestKeys(Store store, Clock clock, RandomSids random, SecretBox box) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.box = box;
  }

  /** The account's guest key, made (or made again after a deletion) inside {@code tx}. */
  public String keySid(Tx tx, String accountSid) {
    Optional<String> current = current(tx, accountSid);
    if (current.isPresent()) {
      return current.get();
    }
    Instant now = clock.instant();
    ApiKeyRecord key =
        new ApiKeyRecord(
            random.next(SidPrefix.API_KEY),
            accountSid,
            FRIENDLY_NAME,
            box.seal(random.secret(16)),
            now,
            now);
    store.apiKeys().insert(tx, key);
    store.webchatDeployments().setGuestKeySid(tx, accountSid, key.sid());
    log.info("event=guest_key_created key_sid={} account_sid={}", key.sid(), accountSid);
    return key.sid();
  }

  /** The account's guest key if it has one that still exists. */
  public Optional<String> current(Tx tx, String accountSid) {
    return store
        .webchatDeployments()
        .guestKeySid(tx, accountSid)
        .filter(sid -> store.apiKeys().find(tx, accountSid, sid).isPresent());
  }
}
