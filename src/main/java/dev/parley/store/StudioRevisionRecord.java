package dev.parley.store;

import java.time.Instant;

/**
 * One revision of a Studio flow: the definition as saved, whether it validated, and its errors and
 * warnings as JSON arrays of {@code {"message","property_path"}}. {@code handsOver}: its trigger
 * sends a conversation's first message straight to Send to Flex, so the flow holds no chat before
 * agents may take it.
 */
public record StudioRevisionRecord(
    String flowSid,
    int revision,
    String friendlyName,
    String status,
    String definition,
    String commitMessage,
    boolean valid,
    String errors,
    String warnings,
    boolean handsOver,
    Instant dateCreated,
    Instant dateUpdated) {}
