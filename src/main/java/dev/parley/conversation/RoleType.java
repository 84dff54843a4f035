package dev.parley.conversation;

import java.util.Locale;

/** Where a role applies: to one conversation's participants, or to a service's users. */
public enum RoleType {
  CONVERSATION,
  SERVICE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RoleType fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
