package dev.parley.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that tests move forward, so timers can come due at once; or, once
 * {@link #freeze frozen}, a clock that moves only when told (for exact waits on a loaded machine).
 */
public final class SettableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

  /** From now on time stands still but for {@link #advance}. */
  public void freeze() {
    frozenAt.compareAndSet(null, Instant.now());
  }

  public void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  @Override
  public Instant instant() {
    Instant frozen = frozenAt.get();
    return (frozen != null ? frozen : Instant.now()).plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("Parley keeps time in UTC");
  }
}
