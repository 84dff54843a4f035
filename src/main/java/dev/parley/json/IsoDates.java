package dev.parley.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The three ISO 8601 spellings of a UTC instant Parley writes, character for character what the JDK
 * writes ({@link Instant#toString}; the same truncated to seconds; {@code
 * uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}), without the JDK's formatter: a message's post formats about a
 * dozen dates (its event, Sync item and document, its answer), and {@code DateTimeFormatter} cost
 * the single SQLite writer more than a tenth of its time per message (issue 16 §3). Years 1970 to
 * 9999 take the short way; any other instant is left to the JDK.
 */
public final class IsoDates {
  /** 9999-12-31T23:59:59Z: four-digit years need no sign or padding rules. */
  private static final long LAST = 253402300799L;

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private IsoDates() {}

  /** As {@link Instant#toString}: the fraction only when there is one, in groups of three. */
  public static String iso(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds > LAST) {
      return instant.toString();
    }
    int nanos = instant.getNano();
    int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
    dateTime(out, seconds);
    int at = 19;
    if (digits > 0) {
      out[at++] = '.';
      int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
      at = fraction(out, at, value, digits);
    }
    out[at] = 'Z';
    return new String(out);
  }

  /** As {@code instant.truncatedTo(SECONDS).toString()}: REST's dates. */
  public static String seconds(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds > LAST) {
      return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    char[] out = new char[20];
    dateTime(out, seconds);
    out[19] = 'Z';
    return new String(out);
  }

  /** As {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC: webhooks' dates, always with milliseconds. */
  public static String millis(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds > LAST) {
      return MILLIS.format(instant);
    }
    char[] out = new char[24];
    dateTime(out, seconds);
    out[19] = '.';
    fraction(out, 20, instant.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return new String(out);
  }

  /** Writes {@code yyyy-MM-ddTHH:mm:ss} into the first 19 characters. */
  private static void dateTime(char[] out, long epochSecond) {
    long days = epochSecond / 86_400;
    int secondOfDay = (int) (epochSecond % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted), for
    // non-negative days only.
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shifted = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shifted + 2) / 5 + 1);
    int month = (int) (shifted < 10 ? shifted + 3 : shifted - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    two(out, 0, year / 100);
    two(out, 2, year % 100);
    out[4] = '-';
    two(out, 5, month);
    out[7] = '-';
    two(out, 8, day);
    out[10] = 'T';
    two(out, 11, secondOfDay / 3600);
    out[13] = ':';
    two(out, 14, secondOfDay / 60 % 60);
    out[16] = ':';
    two(out, 17, secondOfDay % 60);
  }

  private static void two(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }

  private static int fraction(char[] out, int at, int value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }
}
