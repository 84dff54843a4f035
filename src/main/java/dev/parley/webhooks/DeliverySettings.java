package dev.parley.webhooks;

import java.time.Duration;

/**
 * The delivery engine's operator settings. {@code studioUrl}, when set, is where {@code studio}
 * deliveries go (as {@code <studioUrl>/<FlowSid>}) for flows Parley does not hold (those it holds
 * it runs itself, docs/studio.md). {@code lease} is how long a node's claim on a lane lasts without
 * renewal: how soon the other nodes take over the lanes of one that died (it renews every third of
 * it, at most every second).
 */
public record DeliverySettings(RetryPolicy retry, String studioUrl, Duration lease) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final DeliverySettings DEFAULT = new DeliverySettings(RetryPolicy.DEFAULT, null);

  public DeliverySettings {
    if (lease.toMillis() < 300) {
      throw new IllegalArgumentException("webhook lane lease must be at least 300 ms");
    }
  }

  /** Settings with the default lease. */
  public DeliverySettings(RetryPolicy retry, String studioUrl) {
    this(retry, studioUrl, DEFAULT_LEASE);
  }

  public DeliverySettings withLease(Duration lease) {
    return new DeliverySettings(retry, studioUrl, lease);
  }
}
