package dev.parley.realtime.sync;

import dev.parley.realtime.sync.FirstUse.ConversationObjects;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three committed Sync objects of the conversations met lately, by conversation SID: every
 * message of a busy conversation needs them, and their SIDs and kinds never change while the
 * conversation lives (they go only with it, and a conversation's SID is never used again), so one
 * lookup per message replaces three by name. Least recently used go first; a document's data here
 * may be old, as in {@link KnownObjects}.
 */
final class KnownConversations {
  private final Map<String, ConversationObjects> bySid;

  KnownConversations(int capacity) {
    this.bySid =
        // Sized for all of them at once: growing by rehashing would stall the writer thread.
        new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ConversationObjects> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized ConversationObjects get(String conversationSid) {
    return bySid.get(conversationSid);
  }

  synchronized void put(String conversationSid, ConversationObjects objects) {
    bySid.put(conversationSid, objects);
  }

  synchronized void remove(String conversationSid) {
    bySid.remove(conversationSid);
  }
}
