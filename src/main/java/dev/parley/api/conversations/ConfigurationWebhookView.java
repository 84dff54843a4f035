package dev.parley.api.conversations;

import dev.parley.conversation.JsonLists;
import dev.parley.http.PublicUrl;
import dev.parley.store.ConfigurationRecord;
import java.util.List;

/** The account's global webhooks ({@code conversations.v1.configuration.configuration_webhook}). */
public record ConfigurationWebhookView(
    String accountSid,
    String preWebhookUrl,
    String postWebhookUrl,
    String method,
    List<String> filters,
    String target,
    String url) {

  static ConfigurationWebhookView of(ConfigurationRecord c, PublicUrl base) {
    return new ConfigurationWebhookView(
        c.accountSid(),
        c.preWebhookUrl(),
        c.postWebhookUrl(),
        c.webhookMethod(),
        JsonLists.read(c.webhookFilters()),
        c.webhookTarget(),
        base.of("/v1/Configuration/Webhooks"));
  }
}
