package dev.parley.store;

import java.time.Instant;

/**
 * A Conversations user ({@code US…}) of one service. {@code identity} is case-sensitive and unique
 * within the service; {@code attributes} is JSON text.
 */
public record UserRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String identity,
    String friendlyName,
    String attributes,
    String roleSid,
    Instant dateCreated,
    Instant dateUpdated) {}
