package dev.parley.store;

import java.util.Optional;

/** Messages of one conversation, ordered by their index. */
public interface MessageStore {
  void insert(Tx tx, MessageRecord message);

  Optional<MessageRecord> find(Tx tx, String conversationSid, String sid);

  /** A page of the conversation's messages by index, ascending or (when asked) descending. */
  Slice<MessageRecord> page(Tx tx, String conversationSid, boolean descending, PageRequest page);

  void update(Tx tx, MessageRecord message);

  void delete(Tx tx, String sid);

  /** The SID of the conversation's participant whose identity is {@code identity}, if any. */
  Optional<String> participantSid(Tx tx, String conversationSid, String identity);
}
