package dev.parley.store;

import java.time.Instant;

/**
 * One transition of an execution ({@code FT…}): {@code name} is the event that caused it, {@code
 * context} the JSON the widget left behind, {@code transitionedTo} the next widget or {@code
 * Ended}.
 */
public record StudioStepRecord(
    String sid,
    String executionSid,
    String parentStepSid,
    String name,
    String context,
    String transitionedFrom,
    String transitionedTo,
    Instant dateCreated,
    Instant dateUpdated) {}
