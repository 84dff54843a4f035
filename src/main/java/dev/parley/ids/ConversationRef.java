package dev.parley.ids;

import java.util.Objects;

/**
 * A conversation as a Twilio path names it: by its SID or by its unique name. A method that takes a
 * {@code ConversationRef} accepts either; one that takes a {@link ConversationSid} only a SID.
 * {@code ConversationService.find} is the one place a reference is resolved; the store looks it up
 * by {@link #value()}, a SID winning over a unique name that looks like one.
 */
public sealed interface ConversationRef permits ConversationSid, ConversationRef.UniqueName {

  /** The SID or unique name, as the client wrote it. */
  String value();

  /**
   * What a path segment names: a well-formed CH SID as a {@link ConversationSid}, anything else as
   * a unique name (which the lookup answers with a 404 when none has it).
   */
  static ConversationRef of(String sidOrUniqueName) {
    return SidPrefix.CONVERSATION.matches(sidOrUniqueName)
        ? new ConversationSid(sidOrUniqueName)
        : new UniqueName(sidOrUniqueName);
  }

  /** A conversation named by its unique name. */
  record UniqueName(String value) implements ConversationRef {
    public UniqueName {
      Objects.requireNonNull(value, "unique name");
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
