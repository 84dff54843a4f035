package dev.parley.api.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.conversation.DeliverySummary;
import dev.parley.conversation.Message;
import dev.parley.http.PublicUrl;
import dev.parley.json.Json;
import dev.parley.store.MessageRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of a message ({@code conversations.v1.conversation.conversation_message}); the
 * service-scoped twin adds {@code chat_service_sid}. The spec has no {@code subject} field, so it
 * is stored but not shown.
 */
public record MessageView(
    String accountSid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String chatServiceSid,
    String conversationSid,
    String sid,
    long index,
    String author,
    String body,
    JsonNode media,
    String attributes,
    String participantSid,
    Instant dateCreated,
    Instant dateUpdated,
    String url,
    DeliverySummary delivery,
    Map<String, String> links,
    String contentSid) {

  static MessageView of(Message message, PublicUrl base, String prefix) {
    MessageRecord m = message.record();
    String url = base.of(messagePath(prefix, m.conversationSid(), m.sid()));
    Map<String, String> links = new LinkedHashMap<>();
    links.put("delivery_receipts", url + "/Receipts");
    links.put("channel_metadata", url + "/ChannelMetadata");
    return new MessageView(
        m.accountSid(),
        ScopedViews.serviceSid(prefix, m.serviceSid()),
        m.conversationSid(),
        m.sid(),
        m.index(),
        m.author(),
        m.body(),
        media(m.media()),
        m.attributes(),
        m.participantSid(),
        m.dateCreated(),
        m.dateUpdated(),
        url,
        message.delivery(),
        links,
        m.contentSid());
  }

  static String messagePath(String prefix, String conversationSid, String messageSid) {
    return prefix + "/Conversations/" + conversationSid + "/Messages/" + messageSid;
  }

  private static JsonNode media(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored media is not JSON", e);
    }
  }
}
