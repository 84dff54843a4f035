package dev.parley.store;

import java.time.Instant;

/**
 * A Webchat 3 deployment ({@code DP…}): the key browsers present, for one chat address. {@code
 * keyHash} is the SHA-256 (hex) of the key, {@code keySealed} the key sealed under the master key;
 * {@code allowedOrigins} is a JSON array of {@code scheme://host[:port]}; {@code tokenTtl} is the
 * guest token lifetime in seconds; {@code appearance} is the widget's look as JSON (an object,
 * {@code {}} when none was set).
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
    Instant dateCreated,
    Instant dateUpdated) {}
