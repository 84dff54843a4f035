package dev.parley.conversation;

import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.Tx;

/**
 * Told of each conversation-scoped webhook as it is added, inside its transaction: Studio replays
 * the conversation's messages to a flow from {@code Configuration.ReplayAfter}.
 */
@FunctionalInterface
public interface WebhookAddedListener {
  void added(Tx tx, ConversationWebhookRecord webhook);
}
