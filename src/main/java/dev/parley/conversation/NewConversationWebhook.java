package dev.parley.conversation;

import java.util.List;

/**
 * What a caller asks for when adding a webhook to a conversation. Null means "not given"; {@code
 * filters} are post-action event names, {@code triggers} keywords.
 */
public record NewConversationWebhook(
    WebhookTarget target,
    String url,
    WebhookMethod method,
    List<String> filters,
    List<String> triggers,
    String flowSid,
    Integer replayAfter) {}
