package dev.parley.auth;

import java.util.Locale;

/**
 * An account's status (Twilio {@code account_enum_status}). Only an active account's credentials
 * authenticate; a suspended account can be made active again, a closed one never.
 */
public enum AccountStatus {
  ACTIVE,
  SUSPENDED,
  CLOSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AccountStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
