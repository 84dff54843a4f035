package dev.parley.store;

import java.time.Instant;

/**
 * A role ({@code RL…}) of one Conversation Service. {@code type} is {@code conversation} or {@code
 * service}; {@code permissions} is a JSON array of permission names.
 */
public record RoleRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String friendlyName,
    String type,
    String permissions,
    Instant dateCreated,
    Instant dateUpdated) {}
