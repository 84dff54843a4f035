package dev.parley.api.conversations;

import dev.parley.conversation.NewParticipant;
import dev.parley.error.ApiException;
import dev.parley.http.Params;
import java.util.Optional;

/** Participant parameters shared by the Participant and User Conversation resources. */
final class ParticipantParams {
  static final int MAX_ADDRESS = 256;

  private ParticipantParams() {}

  /** {@code Identity}: "Limited to 256 characters"; an empty one names nobody. */
  static String identity(Params form) {
    String identity = form.string("Identity", NewParticipant.MAX_IDENTITY);
    if (identity != null && identity.isEmpty()) {
      throw ApiException.invalid("Identity", "must not be empty");
    }
    return identity;
  }

  /**
   * An address Twilio lets an update remove ("'null' value will remove it"): null when absent,
   * empty for {@code null} or an empty value.
   */
  static Optional<String> removable(Params form, String name) {
    if (!form.has(name)) {
      return null;
    }
    String value = form.string(name, MAX_ADDRESS);
    return value.isEmpty() || value.equals("null") ? Optional.empty() : Optional.of(value);
  }

  /** {@code LastReadMessageIndex}, which the spec makes nullable: absent null, cleared empty. */
  static Optional<Long> lastReadMessageIndex(Params form) {
    String name = "LastReadMessageIndex";
    if (!form.has(name)) {
      return null;
    }
    String value = form.string(name);
    if (value.isEmpty() || value.equals("null")) {
      return Optional.empty();
    }
    return Optional.of((long) form.integer(name, 0, Integer.MAX_VALUE));
  }
}
