package dev.parley.store;

import java.time.Instant;

/**
 * A conversation-scoped webhook ({@code WH…}). {@code target} is {@code webhook}, {@code trigger}
 * or {@code studio}; {@code filters} and {@code triggers} are JSON arrays; {@code method} is
 * lower-case as Twilio answers it.
 */
public record ConversationWebhookRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String conversationSid,
    String target,
    String url,
    String method,
    String filters,
    String triggers,
    String flowSid,
    Integer replayAfter,
    Instant dateCreated,
    Instant dateUpdated) {}
