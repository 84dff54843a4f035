package dev.parley.api.accounts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The 2010 API's dates: RFC 2822 in GMT, {@code "Thu, 30 Jul 2015 20:00:00 +0000"} (spec format
 * {@code date-time-rfc-2822}). twilio-java parses them with {@code EEE, dd MMM yyyy HH:mm:ss Z} in
 * {@code en_US}, so the day always has two digits and the zone is {@code +0000}, never {@code GMT}.
 */
final class Rfc2822 {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  private Rfc2822() {}

  static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }
}
