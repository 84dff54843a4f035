package dev.parley.webhooks;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how long a failing delivery is retried: at most {@code maxAttempts} attempts, the
 * wait before retry n drawn uniformly from {@code [0, min(maxDelay, baseDelay * 2^(n-1))]} ("full
 * jitter", so receivers coming back from an outage are not hit by every lane at once).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** About an hour of retries in all before a delivery is dead-lettered. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(15, Duration.ofSeconds(1), Duration.ofMinutes(10));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("webhook max attempts must be at least 1");
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("webhook delays must satisfy 0 <= base <= max");
    }
  }

  /** The wait before the next attempt, once {@code attemptsMade} (at least 1) have failed. */
  public long backoffMillis(int attemptsMade, RandomGenerator random) {
    long ceiling = maxDelay.toMillis();
    long base = baseDelay.toMillis();
    int doublings = Math.min(Math.max(attemptsMade - 1, 0), 62);
    long exponential =
        base == 0 ? 0 : (base > (ceiling >> doublings) ? ceiling : base << doublings);
    long bound = Math.min(ceiling, exponential);
    return bound == 0 ? 0 : random.nextLong(bound + 1);
  }
}
