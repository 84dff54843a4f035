package dev.parley.webhooks;

import java.time.Duration;

/**
 * The delivery engine's operator settings. {@code studioUrl}, when set, is where {@code studio}
 * deliveries go (as {@code <studioUrl>/<FlowSid>}) for flows Parley does not hold (those it holds
 * it runs itself, docs/studio.md). {@code lease} is how long a node's claim on a lane lasts without
 * renewal: how soon the other nodes take over the lanes of one that died (it renews every third of
 * it, at most every second). {@code callTimeout} is how long one delivery's call may take, from its
 * address lookup to the end of the answer, before it is cut off and retried: Twilio's 5 s unless
 * told otherwise (a test that must see calls hang longer than its own slowest step sets more).
 * Pre-action webhooks keep their 5 s, which the SDK and REST callers wait through.
 */
public record DeliverySettings(
    RetryPolicy retry, String studioUrl, Duration lease, Duration callTimeout) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_TIMEOUT =
      Duration.ofMillis(WebhookClient.TIMEOUT_MILLIS);
  public static final DeliverySettings DEFAULT = new DeliverySettings(RetryPolicy.DEFAULT, null);

  public DeliverySettings {
    if (lease.toMillis() < 300) {
      throw new IllegalArgumentException("webhook lane lease must be at least 300 ms");
    }
    if (callTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("webhook call timeout must be at least 1 ms");
    }
  }

  /** Settings with the default call timeout. */
  public DeliverySettings(RetryPolicy retry, String studioUrl, Duration lease) {
    this(retry, studioUrl, lease, DEFAULT_CALL_TIMEOUT);
  }

  /** Settings with the default lease and call timeout. */
  public DeliverySettings(RetryPolicy retry, String studioUrl) {
    this(retry, studioUrl, DEFAULT_LEASE);
  }

  public DeliverySettings withLease(Duration lease) {
    return new DeliverySettings(retry, studioUrl, lease, callTimeout);
  }

  public DeliverySettings withCallTimeout(Duration callTimeout) {
    return new DeliverySettings(retry, studioUrl, lease, callTimeout);
  }
}
