package dev.parley.agents;

import java.time.Instant;

/** A console agent as callers see it: never its password or hash. */
public record Agent(
    String sid,
    String accountSid,
    String identity,
    String friendlyName,
    Instant dateCreated,
    Instant dateUpdated) {}
