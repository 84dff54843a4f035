package dev.parley.auth;

import java.time.Instant;

/** An access token Parley signed, as the JWT text, and the instant it stops being valid. */
public record MintedToken(String jwt, Instant expiresAt) {}
