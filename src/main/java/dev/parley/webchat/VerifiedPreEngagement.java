package dev.parley.webchat;

import java.util.Locale;

/**
 * What the widget does with the pre-engagement form for a verified visitor: {@code skip} it (the
 * verified fields are the pre-engagement data) or {@code prefill} it with them.
 */
public enum VerifiedPreEngagement {
  SKIP,
  PREFILL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VerifiedPreEngagement of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
