package dev.parley.webhooks;

/**
 * What the delivery engine reports for metrics. Called from the engine's dispatcher thread; an
 * implementation must be quick and must not throw.
 */
public interface DeliveryMeter {
  DeliveryMeter NONE = new DeliveryMeter() {};

  /** A delivery's first attempt starts, {@code lagMillis} after it was queued. */
  default void firstAttempt(long lagMillis) {}

  /**
   * An attempt was saved: {@code outcome} is {@code delivered}, {@code retry} (will be tried again)
   * or {@code dead} (given up, or nothing to call).
   */
  default void settled(String outcome) {}

  /** After each dispatch round: pending deliveries held in memory, and calls in flight. */
  default void queue(int pendingLoaded, int inFlight) {}
}
