package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import java.time.Duration;
import java.time.Instant;

/**
 * A conversation's inactive and closed timers as ISO-8601 durations. Twilio's minimums: one minute
 * to {@code inactive}, ten minutes to {@code closed}
 * (https://www.twilio.com/docs/conversations/states-timers).
 */
public record Timers(Duration inactive, Duration closed) {
  public static final Timers NONE = new Timers(null, null);
  private static final Duration MIN_INACTIVE = Duration.ofMinutes(1);
  private static final Duration MIN_CLOSED = Duration.ofMinutes(10);

  public Timers {
    if (inactive != null && inactive.compareTo(MIN_INACTIVE) < 0) {
      throw new ApiException(TwilioError.TIMER_TOO_SHORT, "Inactive", "PT1M");
    }
    if (closed != null && closed.compareTo(MIN_CLOSED) < 0) {
      throw new ApiException(TwilioError.TIMER_TOO_SHORT, "Closed", "PT10M");
    }
  }

  public boolean isEmpty() {
    return inactive == null && closed == null;
  }

  /** When the inactive timer fires for a conversation in {@code state}, or null. */
  public Instant inactiveAt(ConversationState state, Instant now) {
    return inactive != null && state == ConversationState.ACTIVE ? now.plus(inactive) : null;
  }

  /** When the closed timer fires for a conversation in {@code state}, or null. */
  public Instant closedAt(ConversationState state, Instant now) {
    return closed != null && state != ConversationState.CLOSED ? now.plus(closed) : null;
  }

  public static Duration parse(String parameter, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw ApiException.invalid(parameter, "must be an ISO-8601 duration such as PT10M");
    }
  }

  static String text(Duration duration) {
    return duration == null ? null : duration.toString();
  }
}
