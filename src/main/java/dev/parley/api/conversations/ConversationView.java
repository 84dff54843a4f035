package dev.parley.api.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.PublicUrl;
import dev.parley.json.Json;
import dev.parley.store.ConversationRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of a conversation ({@code conversations.v1.conversation}). */
public record ConversationView(
    String accountSid,
    String chatServiceSid,
    String messagingServiceSid,
    String sid,
    String friendlyName,
    String uniqueName,
    String attributes,
    String state,
    Instant dateCreated,
    Instant dateUpdated,
    Map<String, Instant> timers,
    String url,
    Map<String, String> links,
    JsonNode bindings) {

  static ConversationView of(ConversationRecord c, PublicUrl base, String prefix) {
    String url = base.of(prefix + "/Conversations/" + c.sid());
    Map<String, String> links = new LinkedHashMap<>();
    links.put("participants", url + "/Participants");
    links.put("messages", url + "/Messages");
    links.put("webhooks", url + "/Webhooks");
    links.put("export", url + "/Export");
    return new ConversationView(
        c.accountSid(),
        c.serviceSid(),
        c.messagingServiceSid(),
        c.sid(),
        c.friendlyName(),
        c.uniqueName(),
        c.attributes(),
        c.state(),
        c.dateCreated(),
        c.dateUpdated(),
        timers(c),
        url,
        links,
        bindings(c.bindings()));
  }

  static Map<String, Instant> timers(ConversationRecord c) {
    Map<String, Instant> timers = new LinkedHashMap<>();
    if (c.dateInactive() != null) {
      timers.put("date_inactive", c.dateInactive());
    }
    if (c.dateClosed() != null) {
      timers.put("date_closed", c.dateClosed());
    }
    return timers;
  }

  private static JsonNode bindings(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored bindings are not JSON", e);
    }
  }
}
