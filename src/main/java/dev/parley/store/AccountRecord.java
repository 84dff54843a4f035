package dev.parley.store;

import java.time.Instant;

/**
 * An account. {@code authToken} is the sealed (encrypted) token as stored, never the plain text.
 * {@code ownerAccountSid} is null for a main account and names the owner for a sub-account.
 */
public record AccountRecord(
    String sid,
    String ownerAccountSid,
    String friendlyName,
    String status,
    String authToken,
    Instant dateCreated,
    Instant dateUpdated) {}
