package dev.parley.ids;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A user's SID ({@code US…}), two letters and 32 hex digits. As a {@link UserRef} it names the user
 * by SID, never by identity.
 */
public record UserSid(String value) implements UserRef {
  public UserSid {
    SidPrefix.USER.requireWellFormed(value);
  }

  /** {@code value} as a user SID; null stays null. */
  public static UserSid of(String value) {
    return value == null ? null : new UserSid(value);
  }

  /** The SID itself, so a log line or a message reads as before. */
  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
