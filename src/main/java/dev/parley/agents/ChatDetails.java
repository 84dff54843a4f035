package dev.parley.agents;

import java.time.Instant;
import java.util.List;

/**
 * What the console shows about a chat's visitor: the chat, the visitor's identity (null when the
 * chat has none but agents) and the visitor's other chats of the same service, newest first.
 */
public record ChatDetails(ChatSummary chat, String visitorIdentity, List<EarlierChat> earlier) {

  /** Another chat of the same visitor, with the start of its newest message. */
  public record EarlierChat(
      String conversationSid,
      String state,
      Instant dateCreated,
      Instant dateUpdated,
      String preview) {}
}
