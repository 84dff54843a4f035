package dev.parley.store;

import java.time.Instant;

/**
 * An item of a Sync list or map. {@code itemKey} is the map key, or the list index in decimal with
 * {@code itemIndex} the same number (null in a map); {@code data} is JSON. {@code createdEventId}
 * is the event that added it and {@code lastEventId} the one of its last change; a removed item is
 * kept as a tombstone ({@code removed}) so a reconnecting client learns of the removal.
 */
public record SyncItemRecord(
    String objectSid,
    String itemKey,
    Long itemIndex,
    String data,
    long createdEventId,
    long lastEventId,
    boolean removed,
    Instant dateCreated,
    Instant dateUpdated) {}
