package dev.parley.webchat;

import java.util.Locale;

/**
 * Whether a deployment's {@code /v2/Webchat/Init} checks a site's signed identity
 * (docs/verified-visitors.md): {@code off} refuses an {@code IdentityHash}, {@code optional} treats
 * a missing or wrong one as an anonymous visitor, {@code required} refuses both.
 */
public enum IdentityVerification {
  OFF,
  OPTIONAL,
  REQUIRED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IdentityVerification of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
