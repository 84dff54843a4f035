package dev.parley.store;

import java.time.Instant;

/**
 * A conversation. {@code attributes} and {@code bindings} are JSON text; timers are ISO-8601
 * durations with the instants they fire at; {@code lastMessageIndex} is -1 before the first
 * message.
 */
public record ConversationRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String messagingServiceSid,
    String friendlyName,
    String uniqueName,
    String attributes,
    String state,
    String timerInactive,
    String timerClosed,
    Instant dateInactive,
    Instant dateClosed,
    String bindings,
    String createdBy,
    long lastMessageIndex,
    Instant dateCreated,
    Instant dateUpdated) {}
