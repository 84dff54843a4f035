package dev.parley.store;

import java.util.Optional;

/** Conversations of one service. {@code sidOrUniqueName} resolves Twilio's path alias. */
public interface ConversationStore {
  void insert(Tx tx, ConversationRecord conversation);

  Optional<ConversationRecord> find(Tx tx, String serviceSid, String sidOrUniqueName);

  boolean uniqueNameTaken(Tx tx, String serviceSid, String uniqueName);

  Slice<ConversationRecord> page(
      Tx tx, String serviceSid, ConversationFilter filter, PageRequest page);

  void update(Tx tx, ConversationRecord conversation);

  /** Reserves the next message index of a conversation, atomically within {@code tx}. */
  long nextMessageIndex(Tx tx, String conversationSid);

  void delete(Tx tx, String sid);
}
