package dev.parley.ids;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.error.ApiException;

/** A message's SID ({@code IM…}), two letters and 32 hex digits: a message is named by SID only. */
public record MessageSid(String value) {
  public MessageSid {
    SidPrefix.MESSAGE.requireWellFormed(value);
  }

  /** {@code value} as a message SID; null stays null. */
  public static MessageSid of(String value) {
    return value == null ? null : new MessageSid(value);
  }

  /**
   * The message a client's path names. Text that is no well-formed IM SID names no message: the
   * same 404 as a SID that no message has.
   */
  public static MessageSid named(String text) {
    if (!SidPrefix.MESSAGE.matches(text)) {
      throw ApiException.notFound();
    }
    return new MessageSid(text);
  }

  /** The SID itself, so a log line or a message reads as before. */
  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
