package dev.parley.api.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.conversation.JsonLists;
import dev.parley.conversation.WebhookTarget;
import dev.parley.http.PublicUrl;
import dev.parley.store.ConversationWebhookRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of a conversation-scoped webhook. {@code chat_service_sid} appears only on the
 * service-scoped twin, as in Twilio's two schemas.
 */
public record ConversationWebhookView(
    String accountSid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String chatServiceSid,
    String conversationSid,
    String sid,
    String target,
    Map<String, Object> configuration,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static ConversationWebhookView of(
      ConversationWebhookRecord w, PublicUrl base, String prefix, boolean serviceScoped) {
    return new ConversationWebhookView(
        w.accountSid(),
        serviceScoped ? w.serviceSid() : null,
        w.conversationSid(),
        w.sid(),
        w.target(),
        configuration(w),
        w.dateCreated(),
        w.dateUpdated(),
        base.of(prefix + "/Conversations/" + w.conversationSid() + "/Webhooks/" + w.sid()));
  }

  /**
   * Per target, as Twilio's examples show: {@code webhook} → url, method, filters; {@code trigger}
   * → url, method and its keywords under {@code filters}; {@code studio} → flow_sid. {@code
   * replay_after} is added when it was set.
   */
  static Map<String, Object> configuration(ConversationWebhookRecord w) {
    Map<String, Object> configuration = new LinkedHashMap<>();
    WebhookTarget target = WebhookTarget.fromWire(w.target());
    switch (target) {
      case STUDIO -> configuration.put("flow_sid", w.flowSid());
      case WEBHOOK, TRIGGER -> {
        configuration.put("url", w.url());
        configuration.put("method", w.method());
        configuration.put(
            "filters",
            JsonLists.read(target == WebhookTarget.TRIGGER ? w.triggers() : w.filters()));
      }
    }
    if (w.replayAfter() != null) {
      configuration.put("replay_after", w.replayAfter());
    }
    return configuration;
  }
}
