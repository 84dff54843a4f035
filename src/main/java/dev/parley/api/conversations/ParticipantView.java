package dev.parley.api.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.PublicUrl;
import dev.parley.json.Json;
import dev.parley.store.ParticipantRecord;
import java.time.Instant;

/**
 * The wire form of a participant ({@code conversations.v1.conversation.conversation_participant}).
 * Only the service-scoped schema has {@code chat_service_sid}, so it is left out on the short path.
 */
public record ParticipantView(
    String accountSid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String chatServiceSid,
    String conversationSid,
    String sid,
    String identity,
    String attributes,
    JsonNode messagingBinding,
    String roleSid,
    Instant dateCreated,
    Instant dateUpdated,
    String url,
    Long lastReadMessageIndex,
    String lastReadTimestamp) {

  static ParticipantView of(ParticipantRecord p, PublicUrl base, String prefix) {
    return new ParticipantView(
        p.accountSid(),
        ScopedViews.serviceSid(prefix, p.serviceSid()),
        p.conversationSid(),
        p.sid(),
        p.identity(),
        p.attributes(),
        json(p.messagingBinding()),
        p.roleSid(),
        p.dateCreated(),
        p.dateUpdated(),
        base.of(prefix + "/Conversations/" + p.conversationSid() + "/Participants/" + p.sid()),
        p.lastReadMessageIndex(),
        p.lastReadTimestamp());
  }

  /** Stored JSON text as a JSON value; null stays null. */
  static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException("stored value is not JSON", e);
    }
  }
}
