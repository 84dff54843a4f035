package dev.parley.store;

import java.time.Instant;

/**
 * A legacy Flex v1 web channel: the conversation ({@code sid}, {@code CH…}) a Flex Flow opened for
 * one web visitor. The conversation holds everything else, and removing it removes this row; {@code
 * chatServiceSid} is the conversation's service, read from the conversation.
 */
public record WebChannelRecord(
    String sid,
    String accountSid,
    String flexFlowSid,
    String chatServiceSid,
    Instant dateCreated,
    Instant dateUpdated) {}
