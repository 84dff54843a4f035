package dev.parley.store;

import java.time.Instant;

/** A Conversation Service ({@code IS…}): the container of users, roles and conversations. */
public record ServiceRecord(
    String sid,
    String accountSid,
    String friendlyName,
    String defaultConversationCreatorRoleSid,
    String defaultConversationRoleSid,
    String defaultChatServiceRoleSid,
    boolean reachabilityEnabled,
    String notifications,
    String preWebhookUrl,
    String postWebhookUrl,
    String webhookMethod,
    String webhookFilters,
    Instant dateCreated,
    Instant dateUpdated) {}
