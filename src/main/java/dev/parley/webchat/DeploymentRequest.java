package dev.parley.webchat;

import java.time.Duration;

/**
 * A deployment to create, or the changes to one (null keeps the current value). {@code rotateKey}
 * replaces the key: the old one stops working at once. {@code appearance} holds the widget's look
 * to set ({@link Appearance#with}: null keeps, empty clears); {@code fieldsGiven} says whether its
 * pre-engagement fields were given (an empty list then clears them).
 */
public record DeploymentRequest(
    String friendlyName,
    String addressSid,
    AllowedOrigins allowedOrigins,
    Duration tokenTtl,
    boolean rotateKey,
    Appearance appearance,
    boolean fieldsGiven) {

  /** No appearance given. */
  public DeploymentRequest(
      String friendlyName,
      String addressSid,
      AllowedOrigins allowedOrigins,
      Duration tokenTtl,
      boolean rotateKey) {
    this(friendlyName, addressSid, allowedOrigins, tokenTtl, rotateKey, Appearance.NONE, false);
  }
}
