package dev.parley.events;

import java.time.Instant;
import java.util.Map;

/**
 * A committed change as webhooks and realtime clients hear of it. {@code fields} are the form
 * fields Twilio sends for the event, the common ones ({@code AccountSid}, {@code EventType}, {@code
 * Source}, {@code ClientIdentity}, {@code ChatServiceSid}) included; only {@code RetryCount} is
 * added per attempt. {@code subject} is the changed record as the change left it (a {@code
 * ConversationRecord}, {@code MessagePosted}, …), for listeners in the same transaction; null when
 * unknown.
 */
public record Event(
    long seq,
    EventType type,
    String accountSid,
    String serviceSid,
    String conversationSid,
    Origin origin,
    Map<String, String> fields,
    Instant dateCreated,
    Object subject) {}
