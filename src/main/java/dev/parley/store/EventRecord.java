package dev.parley.store;

import java.time.Instant;

/**
 * One change's event as the outbox keeps it. {@code seq} orders events in commit order ({@code 0}
 * before the store assigns it); {@code params} is a JSON object of the event's form fields.
 */
public record EventRecord(
    long seq,
    String accountSid,
    String serviceSid,
    String conversationSid,
    String type,
    String source,
    String clientIdentity,
    String params,
    Instant dateCreated) {}
