package dev.parley.conversation;

import java.util.Locale;

/**
 * Where a conversation-scoped webhook sends events: a URL ({@code webhook}), a URL for messages
 * that match keywords ({@code trigger}), or a Studio flow ({@code studio}).
 */
public enum WebhookTarget {
  WEBHOOK,
  TRIGGER,
  STUDIO;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static WebhookTarget fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
