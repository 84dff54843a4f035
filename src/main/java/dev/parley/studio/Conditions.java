package dev.parley.studio;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The split widget's comparisons (https://www.twilio.com/docs/studio/widget-library/split-based):
 * text compares without regard to case, {@code matches_any_of} takes a comma-separated list, the
 * number comparisons need numbers on both sides (false otherwise).
 */
final class Conditions {
  private Conditions() {}

  static boolean test(String type, String input, String value) {
    String in = input == null ? "" : input.trim();
    String v = value == null ? "" : value.trim();
    String a = in.toLowerCase(Locale.ROOT);
    String b = v.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "equal_to" -> a.equals(b);
      case "not_equal_to" -> !a.equals(b);
      case "matches_any_of" -> anyOf(a, b);
      case "does_not_match_any_of" -> !anyOf(a, b);
      case "is_blank" -> in.isEmpty();
      case "is_not_blank" -> !in.isEmpty();
      case "contains" -> a.contains(b);
      case "does_not_contain" -> !a.contains(b);
      case "starts_with" -> a.startsWith(b);
      case "does_not_start_with" -> !a.startsWith(b);
      case "regex" -> regex(in, v);
      case "less_than" -> compare(in, v) != null && compare(in, v) < 0;
      case "greater_than" -> compare(in, v) != null && compare(in, v) > 0;
      default -> false;
    };
  }

  private static boolean anyOf(String input, String list) {
    return Arrays.stream(list.split(",")).map(String::trim).anyMatch(input::equals);
  }

  private static boolean regex(String input, String pattern) {
    try {
      return Pattern.compile(pattern).matcher(input).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Numeric comparison; null when either side is not a number. */
  private static Integer compare(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
