package dev.parley.store;

import java.time.Instant;

/**
 * A console agent ({@code WK…}, like a Flex worker): an identity of the account that may log into
 * {@code /console}. {@code passwordHash} is an Argon2id PHC string, never the password.
 */
public record AgentRecord(
    String sid,
    String accountSid,
    String identity,
    String friendlyName,
    String passwordHash,
    Instant dateCreated,
    Instant dateUpdated) {}
