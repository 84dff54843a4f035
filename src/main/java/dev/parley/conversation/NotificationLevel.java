package dev.parley.conversation;

import java.util.Locale;

/** Whether a user hears push notifications for one conversation. */
public enum NotificationLevel {
  DEFAULT,
  MUTED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NotificationLevel fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
