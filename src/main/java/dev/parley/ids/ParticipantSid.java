package dev.parley.ids;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A participant's SID ({@code MB…}), two letters and 32 hex digits. As a {@link ParticipantRef} it
 * names the participant by SID, never by identity.
 */
public record ParticipantSid(String value) implements ParticipantRef {
  public ParticipantSid {
    SidPrefix.PARTICIPANT.requireWellFormed(value);
  }

  /** {@code value} as a participant SID; null stays null. */
  public static ParticipantSid of(String value) {
    return value == null ? null : new ParticipantSid(value);
  }

  /** The SID itself, so a log line or a message reads as before. */
  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
