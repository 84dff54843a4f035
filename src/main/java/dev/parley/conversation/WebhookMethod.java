package dev.parley.conversation;

import java.util.Locale;

/**
 * The HTTP method a webhook is called with. Twilio spells it upper-case on the account's and a
 * service's webhooks ({@code configuration_webhook_enum_method}) and lower-case on
 * conversation-scoped webhooks and address configurations ({@code
 * conversation_scoped_webhook_enum_method}); each keeps the spelling its resource renders.
 */
public enum WebhookMethod {
  GET,
  POST;

  private static final WebhookMethod[] ALL = values();

  // Made once: every web chat's webhook writes it, every delivery planned reads it back.
  private final String lower = name().toLowerCase(Locale.ROOT);

  /** {@code get} or {@code post}, as a conversation-scoped webhook stores and renders it. */
  public String lower() {
    return lower;
  }

  /** The stored method in either spelling; null stays null. */
  public static WebhookMethod fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (WebhookMethod method : ALL) {
      if (method.lower.equals(value) || method.name().equals(value)) {
        return method;
      }
    }
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
