package dev.parley.api.conversations;

import dev.parley.conversation.JsonLists;
import dev.parley.http.PublicUrl;
import dev.parley.store.ServiceRecord;
import java.util.List;

/**
 * A service's event webhooks ({@code service_webhook_configuration}). A service whose webhooks were
 * never set has no method, and then every field reads null (Twilio's {@code fetchEmpty}).
 */
public record ServiceWebhookView(
    String accountSid,
    String chatServiceSid,
    String preWebhookUrl,
    String postWebhookUrl,
    List<String> filters,
    String method,
    String url) {

  static ServiceWebhookView of(ServiceRecord s, PublicUrl base) {
    boolean configured = s.webhookMethod() != null;
    return new ServiceWebhookView(
        s.accountSid(),
        s.sid(),
        s.preWebhookUrl(),
        s.postWebhookUrl(),
        configured ? JsonLists.read(s.webhookFilters()) : null,
        s.webhookMethod(),
        base.of("/v1/Services/" + s.sid() + "/Configuration/Webhooks"));
  }
}
