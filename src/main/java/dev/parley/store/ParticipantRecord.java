package dev.parley.store;

import java.time.Instant;

/**
 * A participant ({@code MB…}) of one conversation. A chat participant has an {@code identity} and
 * no {@code messagingBinding}; an SMS-type one has a binding and usually no identity. {@code
 * messagingBinding} is the wire JSON; {@code bindingAddress}/{@code bindingProxyAddress} repeat its
 * addresses for lookups. {@code lastReadTimestamp} is ISO-8601 text, as Twilio returns it.
 */
public record ParticipantRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String conversationSid,
    String identity,
    String attributes,
    String messagingBinding,
    String bindingAddress,
    String bindingProxyAddress,
    String roleSid,
    Long lastReadMessageIndex,
    String lastReadTimestamp,
    String notificationLevel,
    Instant dateCreated,
    Instant dateUpdated) {}
