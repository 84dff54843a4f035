package dev.parley.api.parley;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.http.PublicUrl;
import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.webhooks.DeliveryHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The wire form of one webhook delivery ({@code WD…}), in Twilio's conventions: snake_case,
 * absolute {@code url} and {@code links}. {@code target} is where the event went ({@code account},
 * {@code service}, {@code conversation} or {@code studio}); {@code attempts} is listed on a fetch
 * only.
 */
record WebhookDeliveryView(
    String sid,
    String accountSid,
    String chatServiceSid,
    String conversationSid,
    String eventType,
    String target,
    String webhookSid,
    String webhookUrl,
    String method,
    String status,
    int attemptCount,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Integer lastLatencyMs,
    Instant dateCreated,
    Instant dateUpdated,
    String url,
    Map<String, String> links,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Attempt> attempts) {

  static final String PATH = "/parley/v1/Webhooks/Deliveries";

  record Attempt(int number, Integer statusCode, String error, int latencyMs, Instant dateCreated) {
    static Attempt of(AttemptRecord a) {
      return new Attempt(a.number(), a.statusCode(), a.error(), a.latencyMs(), a.dateCreated());
    }
  }

  static WebhookDeliveryView of(DeliveryHistory.Entry entry, PublicUrl base) {
    DeliveryRecord d = entry.delivery();
    String self = base.of(PATH + "/" + d.sid());
    return new WebhookDeliveryView(
        d.sid(),
        d.accountSid(),
        entry.event() == null ? null : entry.event().serviceSid(),
        entry.event() == null ? null : entry.event().conversationSid(),
        entry.event() == null ? null : entry.event().type(),
        d.kind(),
        d.targetSid(),
        d.url(),
        d.method(),
        d.status(),
        d.attempts(),
        "pending".equals(d.status()) ? d.nextAttemptAt() : null,
        d.lastStatusCode(),
        d.lastError(),
        d.lastLatencyMs(),
        d.dateCreated(),
        d.dateUpdated(),
        self,
        Map.of("replay", self + "/Replay"),
        entry.attempts() == null ? null : entry.attempts().stream().map(Attempt::of).toList());
  }
}
