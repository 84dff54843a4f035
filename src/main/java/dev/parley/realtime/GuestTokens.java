package dev.parley.realtime;

import dev.parley.auth.AccessGrant;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Tells a Webchat guest's token (signed with the account's internal guest key) from an agent's.
 * Both reach only the conversations they take part in; a guest may not create conversations, add
 * participants or change other participants.
 */
public final class GuestTokens {
  private final Store store;
  private final BiFunction<Tx, String, Optional<String>> guestKey;
  private final Map<String, Boolean> byKey = new ConcurrentHashMap<>();

  /** {@code guestKey} answers the account's guest key SID, if it has one. */
  public GuestTokens(Store store, BiFunction<Tx, String, Optional<String>> guestKey) {
    this.store = store;
    this.guestKey = guestKey;
  }

  /** Whether the grant's token is a guest's. A key's role never changes, so it is cached. */
  public boolean isGuest(AccessGrant grant) {
    return byKey.computeIfAbsent(
        grant.keySid(),
        key ->
            store.read(
                tx -> guestKey.apply(tx, grant.accountSid()).map(key::equals).orElse(false)));
  }
}
