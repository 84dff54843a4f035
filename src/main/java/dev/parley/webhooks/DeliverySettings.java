package dev.parley.webhooks;

/**
 * The delivery engine's operator settings. {@code studioUrl}, when set, is where {@code studio}
 * deliveries go (as {@code <studioUrl>/<FlowSid>}); Parley runs no Studio flows itself.
 */
public record DeliverySettings(RetryPolicy retry, String studioUrl) {
  public static final DeliverySettings DEFAULT = new DeliverySettings(RetryPolicy.DEFAULT, null);
}
