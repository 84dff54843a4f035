package dev.parley.realtime.sync;

import dev.parley.conversation.NewIdentityUser;
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

  void remember(Object subject) {
    if (subject instanceof ConversationRecord c) {
      conversations.put(c.sid(), c);
    } else if (subject instanceof UserRecord u) {
      users.put(u.serviceSid() + "/" + u.identity(), u);
    } else if (subject instanceof NewIdentityUser n) {
      remember(n.user());
      newIdentities.add(n.user().serviceSid() + "/" + n.user().identity());
    }
  }

  static Seen in(Tx tx) {
    return tx.memo(Seen.class, Seen::new);
  }
}
