package dev.parley.store;

import java.time.Instant;

/** An API key ({@code SK…}) of one account. {@code secret} is sealed, never the plain text. */
public record ApiKeyRecord(
    String sid,
    String accountSid,
    String friendlyName,
    String secret,
    Instant dateCreated,
    Instant dateUpdated) {}
