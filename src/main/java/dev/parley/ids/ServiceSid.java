package dev.parley.ids;

import com.fasterxml.jackson.annotation.JsonValue;

/** A Conversation Service's SID ({@code IS…}), as domain services take it. */
public record ServiceSid(String value) {
  public ServiceSid {
    SidPrefix.SERVICE.require(value);
  }

  /** {@code value} as a service SID; null stays null. */
  public static ServiceSid of(String value) {
    return value == null ? null : new ServiceSid(value);
  }

  /** The SID itself, so a log line or a message reads as before. */
  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
