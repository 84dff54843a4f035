package dev.parley.conversation;

import java.util.List;

/**
 * An update to the account's or a service's event webhooks. Null fields are left as they are; an
 * empty URL clears it. {@code target} applies to the account only.
 */
public record EventWebhookChanges(
    String preWebhookUrl,
    String postWebhookUrl,
    WebhookMethod method,
    List<String> filters,
    EventWebhookTarget target) {}
