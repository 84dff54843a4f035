package dev.parley.store;

import java.util.Optional;

/** Webhooks scoped to one conversation. */
public interface ConversationWebhookStore {
  void insert(Tx tx, ConversationWebhookRecord webhook);

  Optional<ConversationWebhookRecord> find(Tx tx, String conversationSid, String sid);

  int count(Tx tx, String conversationSid);

  Slice<ConversationWebhookRecord> page(Tx tx, String conversationSid, PageRequest page);

  void update(Tx tx, ConversationWebhookRecord webhook);

  void delete(Tx tx, String sid);
}
