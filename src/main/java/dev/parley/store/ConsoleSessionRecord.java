package dev.parley.store;

import java.time.Instant;

/**
 * One console log-in: {@code tokenHash} is the SHA-256 (hex) of the cookie's random token; {@code
 * csrfToken} must come back in a header with every change the session makes.
 */
public record ConsoleSessionRecord(
    String tokenHash,
    String agentSid,
    String csrfToken,
    Instant dateCreated,
    Instant dateExpires) {}
