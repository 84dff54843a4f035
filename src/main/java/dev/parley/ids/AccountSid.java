package dev.parley.ids;

import com.fasterxml.jackson.annotation.JsonValue;

/** An account's SID ({@code AC…}), as domain services take it: never a service's or a user's. */
public record AccountSid(String value) {
  public AccountSid {
    SidPrefix.ACCOUNT.require(value);
  }

  /** {@code value} as an account SID; null stays null. */
  public static AccountSid of(String value) {
    return value == null ? null : new AccountSid(value);
  }

  /** The SID itself, so a log line or a message reads as before. */
  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
