package dev.parley.store;

import java.time.Instant;

/**
 * A conversation message. {@code index} is its gap-free position in the conversation (assigned at
 * creation, never reused); {@code attributes}, {@code media} and {@code contentVariables} are JSON
 * text ({@code media} null when the message has none); {@code dateUpdated} is null until edited.
 */
public record MessageRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String conversationSid,
    long index,
    String author,
    String body,
    String attributes,
    String participantSid,
    String media,
    String contentSid,
    String contentVariables,
    String subject,
    Instant dateCreated,
    Instant dateUpdated) {}
