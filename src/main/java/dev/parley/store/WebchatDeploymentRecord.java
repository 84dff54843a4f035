package dev.parley.store;

import java.time.Instant;

/**
 * A Webchat 3 deployment ({@code DP…}): the key browsers present, for one chat address. {@code
 * keyHash} is the SHA-256 (hex) of the key, {@code keySealed} the key sealed under the master key;
 * {@code allowedOrigins} is a JSON array of {@code scheme://host[:port]}; {@code tokenTtl} is the
 * guest token lifetime in seconds; {@code appearance} is the widget's look as JSON (an object,
 * {@code {}} when none was set). {@code identitySecretSealed} is the identity-signing secret sealed
 * under the master key (null for a deployment made before it existed, until a rotation); {@code
 * identityVerification} ({@code off}, {@code optional}, {@code required}) and {@code
 * verifiedPreEngagement} ({@code skip}, {@code prefill}) are their wire names.
 */
public record WebchatDeploymentRecord(
    String sid,
    String accountSid,
    String friendlyName,
    String addressSid,
    String keyHash,
    String keySealed,
    String allowedOrigins,
    int tokenTtl,
    String appearance,
    String identitySecretSealed,
    String identityVerification,
    String verifiedPreEngagement,
    Instant dateCreated,
    Instant dateUpdated) {}
