package dev.parley.store;

/**
 * An account's Conversations configuration ({@code /v1/Configuration}) and its global webhooks
 * ({@code /v1/Configuration/Webhooks}). Timers are ISO-8601 durations; filters a JSON array.
 */
public record ConfigurationRecord(
    String accountSid,
    String defaultChatServiceSid,
    String defaultMessagingServiceSid,
    String defaultInactiveTimer,
    String defaultClosedTimer,
    String preWebhookUrl,
    String postWebhookUrl,
    String webhookMethod,
    String webhookFilters,
    String webhookTarget) {}
