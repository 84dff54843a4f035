package dev.parley.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The log-in throttle's memory bound; its rules are tested through the wire (console tests). */
class LoginThrottleTest {
  private final SettableClock clock = new SettableClock();

  @Test
  void keeps_at_most_max_entries_per_map_dropping_the_least_recently_failed() {
    LoginThrottle throttle = new LoginThrottle(clock, 100);

    for (int i = 0; i < 1_000; i++) {
      throttle.admit("10.0.0." + i, null, "agent-" + i);
    }

    assertThat(throttle.size()).isEqualTo(200);
    assertThat(throttle.admit("10.0.0.999", null, "agent-999")).isZero();
  }

  @Test
  void forgets_a_log_in_after_an_hour_without_tries() {
    LoginThrottle throttle = new LoginThrottle(clock, 100);
    for (int i = 0; i < LoginThrottle.FREE_PER_LOGIN; i++) {
      throttle.admit("10.0.0.1", null, "ann");
    }
    assertThat(throttle.admit("10.0.0.1", null, "ann")).isEqualTo(1);

    clock.advance(LoginThrottle.FORGET.plus(Duration.ofSeconds(1)));

    assertThat(throttle.admit("10.0.0.2", null, "ben")).isZero();
    assertThat(throttle.size()).isEqualTo(2);
  }
}
