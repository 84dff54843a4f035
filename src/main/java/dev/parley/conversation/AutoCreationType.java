package dev.parley.conversation;

import java.util.Locale;

/**
 * What an address configuration attaches to a conversation it creates ({@code
 * configuration_address_enum_auto_creation_type}): a webhook, a Studio flow, or nothing ({@code
 * default}).
 */
public enum AutoCreationType {
  WEBHOOK,
  STUDIO,
  DEFAULT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored type in any case; null when absent or not one of the three. */
  public static AutoCreationType fromWire(String value) {
    for (AutoCreationType type : values()) {
      if (type.name().equalsIgnoreCase(value)) {
        return type;
      }
    }
    return null;
  }
}
