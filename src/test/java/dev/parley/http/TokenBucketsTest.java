package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limit's arithmetic and its memory bound, on a hand-moved clock. */
@NoStore
class TokenBucketsTest {
  private final AtomicLong now = new AtomicLong();

  private void advanceSeconds(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void admits_a_burst_of_the_limit_then_asks_to_wait_for_the_next_token() {
    TokenBuckets buckets = new TokenBuckets(6, 100, now::get);

    for (int i = 0; i < 6; i++) {
      assertThat(buckets.take("ip")).isZero();
    }
    long wait = buckets.take("ip");

    assertThat(wait).isEqualTo(10);
  }

  @Test
  void refills_at_the_limit_per_minute() {
    TokenBuckets buckets = new TokenBuckets(6, 100, now::get);
    for (int i = 0; i < 6; i++) {
      buckets.take("ip");
    }

    advanceSeconds(10);

    assertThat(buckets.take("ip")).isZero();
    assertThat(buckets.take("ip")).isEqualTo(10);
  }

  @Test
  void forgets_buckets_that_have_refilled() {
    TokenBuckets buckets = new TokenBuckets(6, 100, now::get);
    buckets.take("a");
    buckets.take("b");

    advanceSeconds(61);
    buckets.take("c");

    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void keeps_at_most_max_buckets() {
    TokenBuckets buckets = new TokenBuckets(6, 3, now::get);

    for (int i = 0; i < 10; i++) {
      buckets.take("ip-" + i);
    }

    assertThat(buckets.size()).isEqualTo(3);
  }
}
