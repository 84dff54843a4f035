package dev.parley.conversation;

import dev.parley.error.ApiException;

/** Checks shared by new messages and edits. */
final class MessageRules {
  /** Who wrote a message when the caller does not say (Twilio: "Defaults to `system`"). */
  static final String SYSTEM_AUTHOR = "system";

  private MessageRules() {}

  /** Twilio counts characters, so an emoji is one, not two UTF-16 units. */
  static void checkLength(String parameter, String value, int max) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      throw ApiException.invalid(parameter, "must be at most " + max + " characters");
    }
  }
}
