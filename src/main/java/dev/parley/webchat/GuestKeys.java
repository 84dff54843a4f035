package dev.parley.webchat;

import dev.parley.auth.InternalKeys;
import dev.parley.store.Store;
import dev.parley.store.Tx;
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
  private final InternalKeys keys;

  public GuestKeys(Store store, InternalKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** The account's guest key, made (or made again after a deletion) inside {@code tx}. */
  public String keySid(Tx tx, String accountSid) {
    Optional<String> current = current(tx, accountSid);
    if (current.isPresent()) {
      return current.get();
    }
    String key = keys.create(tx, accountSid, FRIENDLY_NAME);
    store.webchatDeployments().setGuestKeySid(tx, accountSid, key);
    log.info("event=guest_key_created key_sid={} account_sid={}", key, accountSid);
    return key;
  }

  /** The account's guest key if it has one that still exists. */
  public Optional<String> current(Tx tx, String accountSid) {
    return store
        .webchatDeployments()
        .guestKeySid(tx, accountSid)
        .filter(sid -> store.apiKeys().find(tx, accountSid, sid).isPresent());
  }
}
