package dev.parley.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@NoStore
class ReadinessTest {
  @Test
  void is_ready_when_every_check_passes() throws Exception {
    try (Readiness readiness = new Readiness().check("store", () -> {})) {

      Map<String, String> failed = readiness.failures().get(5, TimeUnit.SECONDS);

      assertThat(failed).isEmpty();
    }
  }

  @Test
  void names_the_check_that_failed_and_why() throws Exception {
    try (Readiness readiness =
        new Readiness()
            .check(
                "store",
                () -> {
                  throw new IllegalStateException("connection refused");
                })) {

      Map<String, String> failed = readiness.failures().get(5, TimeUnit.SECONDS);

      assertThat(failed).containsEntry("store", "IllegalStateException: connection refused");
    }
  }

  @Test
  void gives_up_on_a_check_that_hangs_within_the_timeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (Readiness readiness =
        new Readiness()
            .check(
                "store",
                () -> {
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })) {
      long started = System.nanoTime();

      Map<String, String> failed = readiness.failures().get(5, TimeUnit.SECONDS);
      Map<String, String> again = readiness.failures().get(5, TimeUnit.SECONDS);

      assertThat(failed).containsKey("checks");
      assertThat(again).containsKey("checks");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
          .isLessThan(3 * Readiness.TIMEOUT_MILLIS);
    }
  }

  @Test
  void is_not_ready_while_shutting_down() throws Exception {
    try (Readiness readiness = new Readiness().check("store", () -> {})) {
      readiness.shuttingDown();

      Map<String, String> failed = readiness.failures().get(5, TimeUnit.SECONDS);

      assertThat(failed).containsEntry("node", "shutting down");
    }
  }
}
