package dev.parley.api.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.http.PublicUrl;
import dev.parley.store.DeliveryReceiptRecord;
import java.time.Instant;

/**
 * The wire form of a delivery receipt ({@code
 * conversations.v1.conversation.conversation_message.conversation_message_receipt}); the
 * service-scoped twin adds {@code chat_service_sid}.
 */
public record DeliveryReceiptView(
    String accountSid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String chatServiceSid,
    String conversationSid,
    String sid,
    String messageSid,
    String channelMessageSid,
    String participantSid,
    String status,
    int errorCode,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static DeliveryReceiptView of(DeliveryReceiptRecord r, PublicUrl base, String prefix) {
    return new DeliveryReceiptView(
        r.accountSid(),
        ScopedViews.serviceSid(prefix, r.serviceSid()),
        r.conversationSid(),
        r.sid(),
        r.messageSid(),
        r.channelMessageSid(),
        r.participantSid(),
        r.status(),
        r.errorCode(),
        r.dateCreated(),
        r.dateUpdated(),
        base.of(
            ScopedViews.messagePath(prefix, r.conversationSid(), r.messageSid())
                + "/Receipts/"
                + r.sid()));
  }
}
