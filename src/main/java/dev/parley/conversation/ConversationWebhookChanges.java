package dev.parley.conversation;

import java.util.List;

/** An update to a conversation-scoped webhook. Null fields are left as they are. */
public record ConversationWebhookChanges(
    String url,
    WebhookMethod method,
    List<String> filters,
    List<String> triggers,
    String flowSid) {}
