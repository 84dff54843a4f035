package dev.parley.store;

import java.util.List;

/**
 * The console's views of a service's web chats (conversations whose attributes say {@code
 * "channel_type":"web"}, as the web chat orchestration writes them). An agent participant is a
 * participant whose identity is an agent of the conversation's account.
 */
public interface ConsoleQueueStore {
  /**
   * Open web chats with no agent participant yet that no Studio flow has (a flow has a chat while
   * an execution runs in it or its studio webhook names a published flow; send to Flex ends both),
   * oldest first.
   */
  List<ConversationRecord> waiting(Tx tx, String accountSid, String serviceSid, int limit);

  /** Conversations in the given state that {@code identity} takes part in, newest first. */
  List<ConversationRecord> joined(
      Tx tx, String serviceSid, String identity, boolean closed, int limit);

  /** Whether any participant of the conversation is an agent of its account. */
  boolean hasAgent(Tx tx, String accountSid, String conversationSid);
}
