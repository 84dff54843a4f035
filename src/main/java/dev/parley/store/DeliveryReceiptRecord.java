package dev.parley.store;

import java.time.Instant;

/**
 * What happened to one message on one non-chat participant's channel (SMS, WhatsApp…). {@code
 * status} is Twilio's wire value: {@code sent}, {@code delivered}, {@code read}, {@code failed} or
 * {@code undelivered}.
 */
public record DeliveryReceiptRecord(
    String sid,
    String accountSid,
    String serviceSid,
    String conversationSid,
    String messageSid,
    String participantSid,
    String channelMessageSid,
    String status,
    int errorCode,
    Instant dateCreated,
    Instant dateUpdated) {}
