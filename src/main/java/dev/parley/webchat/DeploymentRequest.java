package dev.parley.webchat;

import java.time.Duration;

/**
 * A deployment to create, or the changes to one (null keeps the current value). {@code rotateKey}
 * replaces the key: the old one stops working at once.
 */
public record DeploymentRequest(
    String friendlyName,
    String addressSid,
    AllowedOrigins allowedOrigins,
    Duration tokenTtl,
    IdentityVerification identityVerification,
    VerifiedPreEngagement verifiedPreEngagement,
    boolean rotateKey) {}
