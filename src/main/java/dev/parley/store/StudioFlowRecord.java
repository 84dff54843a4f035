package dev.parley.store;

import java.time.Instant;

/**
 * A Studio flow ({@code FW…}): its name and latest revision; the definition of each revision is a
 * {@link StudioRevisionRecord}. {@code published} is the newest published revision, which new
 * executions run (null while the flow has never been published).
 */
public record StudioFlowRecord(
    String sid,
    String accountSid,
    String friendlyName,
    String status,
    int revision,
    Integer published,
    Instant dateCreated,
    Instant dateUpdated) {}
