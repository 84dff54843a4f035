package dev.parley.ids;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A conversation's SID ({@code CH…}), two letters and 32 hex digits. As a {@link ConversationRef}
 * it names the conversation by SID, never by a unique name.
 */
public record ConversationSid(String value) implements ConversationRef {
  public ConversationSid {
    SidPrefix.CONVERSATION.requireWellFormed(value);
  }

  /** {@code value} as a conversation SID; null stays null. */
  public static ConversationSid of(String value) {
    return value == null ? null : new ConversationSid(value);
  }

  /** The SID itself, so a log line or a message reads as before. */
  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
