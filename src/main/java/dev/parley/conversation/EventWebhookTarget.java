package dev.parley.conversation;

import java.util.Locale;

/**
 * Where the account's event webhooks go ({@code configuration_webhook_enum_target}): to its own
 * URLs ({@code webhook}), or into Flex ({@code flex}), which routes inside Twilio and is never
 * called here.
 */
public enum EventWebhookTarget {
  WEBHOOK,
  FLEX;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored target; null stays null. */
  public static EventWebhookTarget fromWire(String value) {
    return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
  }
}
