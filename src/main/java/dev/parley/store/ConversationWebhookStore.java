package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** Webhooks scoped to one conversation. */
public interface ConversationWebhookStore {
  void insert(Tx tx, ConversationWebhookRecord webhook);

  /**
   * As {@link #insert}, for a webhook of a conversation created in this same transaction: no other
   * transaction knows that conversation yet, so none can have read its webhooks.
   */
  void insertOnNew(Tx tx, ConversationWebhookRecord webhook);

  Optional<ConversationWebhookRecord> find(Tx tx, String conversationSid, String sid);

  int count(Tx tx, String conversationSid);

  /** All of a conversation's webhooks (at most five), oldest first. */
  List<ConversationWebhookRecord> all(Tx tx, String conversationSid);

  Slice<ConversationWebhookRecord> page(Tx tx, String conversationSid, PageRequest page);

  void update(Tx tx, ConversationWebhookRecord webhook);

  void delete(Tx tx, String sid);
}
