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

  private static final WebhookTarget[] ALL = values();

  // Made once: every web chat's webhook writes it, every event of a conversation reads it back.
  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }

  public static WebhookTarget fromWire(String value) {
    for (WebhookTarget target : ALL) {
      if (target.wire.equals(value)) {
        return target;
      }
    }
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
