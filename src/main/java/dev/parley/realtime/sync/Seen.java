package dev.parley.realtime.sync;

import dev.parley.events.Change;
import dev.parley.events.Change.ConversationChanged;
import dev.parley.events.Change.StateChanged;
import dev.parley.events.Change.UserChanged;
import dev.parley.store.ConversationRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The conversations and users this transaction's events carried, so that a participant added after
 * them (a web chat's visitor) need not read them back. Only their SIDs and names are used.
 */
final class Seen {
  final Map<String, ConversationRecord> conversations = new HashMap<>();
  final Map<String, UserRecord> users = new HashMap<>();

  /** Conversations this transaction added: none of them can have objects it did not make. */
  final Set<String> newConversations = new HashSet<>();

  /** Users whose identity was just generated: no maps can be keyed by it but theirs. */
  final Set<String> newIdentities = new HashSet<>();

  void remember(Change change) {
    if (change instanceof ConversationChanged c) {
      remember(c.conversation());
    } else if (change instanceof StateChanged s) {
      remember(s.to());
    } else if (change instanceof UserChanged u) {
      users.put(u.user().serviceSid() + "/" + u.user().identity(), u.user());
      if (u.newIdentity()) {
        newIdentities.add(u.user().serviceSid() + "/" + u.user().identity());
      }
    }
  }

  private void remember(ConversationRecord c) {
    conversations.put(c.sid(), c);
  }

  static Seen in(Tx tx) {
    return tx.memo(Seen.class, Seen::new);
  }
}
