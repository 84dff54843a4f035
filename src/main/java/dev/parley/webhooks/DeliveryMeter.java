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

  /** After each lease tick: the lanes this node holds the lease of. */
  default void lanesHeld(int lanes) {}

  /**
   * Lanes changed hands: {@code here} were taken over by this node from one whose lease ran out,
   * {@code lost} were taken from this node by another (it had not renewed in time).
   */
  default void takenOver(int here, int lost) {}
}
