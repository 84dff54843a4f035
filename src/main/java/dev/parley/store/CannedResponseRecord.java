package dev.parley.store;

import java.time.Instant;

/** A saved reply of an account ({@code QR…}): its short code, typed after "/", and its text. */
public record CannedResponseRecord(
    String sid,
    String accountSid,
    String shortCode,
    String body,
    Instant dateCreated,
    Instant dateUpdated) {}
