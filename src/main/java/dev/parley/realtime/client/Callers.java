package dev.parley.realtime.client;

import dev.parley.auth.AccessGrant;
import dev.parley.conversation.Scope;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.realtime.Session;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Who a session acts as and what it may do. Every command acts as the token's identity, as an SDK
 * action (webhooks say {@code Source=SDK}). A Webchat guest (a token of the account's guest key)
 * acts only in its own conversations; an agent may also look at, join and manage others.
 */
final class Callers {
  private final Store store;
  private final BiFunction<Tx, String, java.util.Optional<String>> guestKey;
  private final Map<String, Boolean> guestKeys = new ConcurrentHashMap<>();

  /** {@code guestKey} answers the account's guest key SID, if it has one. */
  Callers(Store store, BiFunction<Tx, String, java.util.Optional<String>> guestKey) {
    this.store = store;
    this.guestKey = guestKey;
  }

  static Scope scope(Session session) {
    AccessGrant g = session.grant();
    return new Scope(g.accountSid(), g.serviceSid(), Origin.sdk(g.identity()));
  }

  /** Whether the session's token is a Webchat guest's. A key's role never changes: cached. */
  boolean guest(Session session) {
    AccessGrant g = session.grant();
    return guestKeys.computeIfAbsent(
        g.keySid(),
        key -> store.read(tx -> guestKey.apply(tx, g.accountSid()).map(key::equals).orElse(false)));
  }

  /** The session's participant in {@code conversation}, or 403. */
  ParticipantRecord participant(Tx tx, Session session, ConversationRecord conversation) {
    return store
        .participants()
        .findByIdentity(tx, conversation.sid(), session.grant().identity())
        .orElseThrow(() -> forbidden("not a participant of " + conversation.sid()));
  }

  boolean isParticipant(Tx tx, Session session, ConversationRecord conversation) {
    return store
        .participants()
        .findByIdentity(tx, conversation.sid(), session.grant().identity())
        .isPresent();
  }

  void requireAgent(Session session, String action) {
    if (guest(session)) {
      throw forbidden("a web chat guest may not " + action);
    }
  }

  static ApiException forbidden(String why) {
    return new ApiException(TwilioError.FORBIDDEN, why);
  }
}
