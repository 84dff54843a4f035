package dev.parley.store;

import java.time.Instant;

/**
 * One attempt to deliver a webhook: its {@code number} (1 for the first), the receiver's HTTP
 * status (null when none came back) or the error, and how long it took.
 */
public record AttemptRecord(
    long deliverySeq,
    int number,
    Integer statusCode,
    String error,
    int latencyMs,
    Instant dateCreated) {}
