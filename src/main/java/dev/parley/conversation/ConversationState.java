package dev.parley.conversation;

import dev.parley.store.ConversationRecord;
import java.util.Locale;

/** Conversation states. {@code closed} is final (Twilio error 50377). */
public enum ConversationState {
  INITIALIZING,
  INACTIVE,
  ACTIVE,
  CLOSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConversationState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The state of a stored conversation (the store keeps its wire name). */
  public static ConversationState of(ConversationRecord conversation) {
    return fromWire(conversation.state());
  }
}
