package dev.parley.store;

import java.time.Instant;

/**
 * A Sync object of the realtime projection: a {@code document} (whose JSON {@code data} it holds),
 * a {@code list} or a {@code map} (whose items are {@link SyncItemRecord}s). {@code lastEventId}
 * counts the object's changes; the next change takes the next id.
 */
public record SyncObjectRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String uniqueName,
    String kind,
    long lastEventId,
    String data,
    Instant dateCreated,
    Instant dateUpdated) {}
