package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.AccessGrant;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which timed work comes first when several are due. */
class DeadlineTest {
  private static final RealtimeSettings SETTINGS = RealtimeSettings.DEFAULT;
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_000 * SECOND;

  private static AccessGrant expiringIn(Duration left) {
    return new AccessGrant("AC1", "IS1", "ann", "SK1", NOW.plus(left));
  }

  private static Deadline at(AccessGrant grant, boolean warned, long heardAgo, long nanos) {
    return Deadline.of(SETTINGS, grant, warned, T0, nanos - heardAgo, T0, NOW, nanos);
  }

  @Test
  void nothing_is_due_for_a_fresh_connection() {
    assertThat(at(expiringIn(Duration.ofHours(1)), false, 0, T0 + SECOND)).isEqualTo(Deadline.NONE);
  }

  @Test
  void a_socket_without_init_times_out_after_30_seconds() {
    assertThat(at(null, false, 0, T0 + 30 * SECOND)).isEqualTo(Deadline.INIT_TIMEOUT);
  }

  @Test
  void pings_after_25_seconds_of_silence_and_gives_up_at_75() {
    AccessGrant grant = expiringIn(Duration.ofHours(1));

    assertThat(at(grant, false, 25 * SECOND, T0 + 25 * SECOND)).isEqualTo(Deadline.PING);
    assertThat(at(grant, false, 75 * SECOND, T0 + 75 * SECOND)).isEqualTo(Deadline.SILENT);
  }

  @Test
  void warns_once_within_three_minutes_of_expiry_then_expires() {
    assertThat(at(expiringIn(Duration.ofMinutes(3)), false, 0, T0))
        .isEqualTo(Deadline.TOKEN_EXPIRING);
    assertThat(at(expiringIn(Duration.ofMinutes(3)), true, 0, T0)).isEqualTo(Deadline.NONE);
    assertThat(at(expiringIn(Duration.ZERO), true, 0, T0)).isEqualTo(Deadline.TOKEN_EXPIRED);
  }

  @Test
  void expiry_comes_before_a_ping() {
    assertThat(at(expiringIn(Duration.ZERO), true, 30 * SECOND, T0 + 30 * SECOND))
        .isEqualTo(Deadline.TOKEN_EXPIRED);
  }
}
