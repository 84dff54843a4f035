package dev.parley.conversation;

import dev.parley.json.Attributes;
import java.time.Instant;

/**
 * What a caller asks for when creating a conversation. Null means "not given". {@code bindings} is
 * the JSON of the conversation's default bindings ({@code "{}"} for none).
 */
public record NewConversation(
    String friendlyName,
    String uniqueName,
    Instant dateCreated,
    Instant dateUpdated,
    String messagingServiceSid,
    Attributes attributes,
    ConversationState state,
    Timers timers,
    String bindings) {

  /** A plain active conversation, as the web chat orchestration makes. */
  public static NewConversation named(String friendlyName, Attributes attributes) {
    return new NewConversation(
        friendlyName, null, null, null, null, attributes, null, Timers.NONE, "{}");
  }
}
