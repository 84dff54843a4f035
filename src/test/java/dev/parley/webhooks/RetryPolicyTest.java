package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Exponential back-off with full jitter, capped, and a bounded number of attempts. */
class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(15, Duration.ofSeconds(1), Duration.ofMinutes(10));
  private final SplittableRandom random = new SplittableRandom(7);

  private long longestOf(int attemptsMade) {
    return IntStream.range(0, 2_000)
        .mapToLong(i -> policy.backoffMillis(attemptsMade, random))
        .max()
        .orElseThrow();
  }

  @Test
  void the_wait_doubles_with_each_failed_attempt() {
    assertThat(longestOf(1)).isBetween(900L, 1_000L);
    assertThat(longestOf(2)).isBetween(1_800L, 2_000L);
    assertThat(longestOf(4)).isBetween(7_200L, 8_000L);
  }

  @Test
  void the_wait_is_drawn_at_random_below_its_ceiling() {
    long[] waits =
        IntStream.range(0, 1_000).mapToLong(i -> policy.backoffMillis(3, random)).toArray();

    assertThat(Arrays.stream(waits).min().orElseThrow()).isNotNegative();
    assertThat(Arrays.stream(waits).max().orElseThrow()).isLessThanOrEqualTo(4_000);
    assertThat(Arrays.stream(waits).distinct().count()).isGreaterThan(500);
  }

  @Test
  void the_wait_never_exceeds_the_cap() {
    assertThat(longestOf(40)).isBetween(500_000L, 600_000L);
    assertThat(policy.backoffMillis(1_000, random)).isBetween(0L, 600_000L);
  }

  @Test
  void refuses_fewer_than_one_attempt_or_a_cap_below_the_base() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
