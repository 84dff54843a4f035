package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.UserRecord;

/**
 * The data of each Sync object and item, in the camelCase shapes the SDK reads
 * (docs/realtime-protocol.md §4.2). Message and participant attributes stay JSON strings: the SDK
 * parses them itself.
 */
final class SyncShapes {
  private SyncShapes() {}

  /**
   * A conversation's document. {@code previous} is the document's current data, whose {@code
   * lastMessage} is kept (only a new message changes it). No per-user field goes in here.
   */
  static ObjectNode conversation(
      ConversationRecord c, String messagesSid, String rosterSid, JsonNode previous) {
    ObjectNode d = SyncJson.JSON.createObjectNode();
    d.put("friendlyName", c.friendlyName());
    d.put("uniqueName", c.uniqueName());
    d.set("attributes", SyncJson.parse(c.attributes()));
    d.put("createdBy", c.createdBy());
    d.put("dateCreated", SyncJson.date(c.dateCreated()));
    d.put("dateUpdated", SyncJson.date(c.dateUpdated()));
    d.put("messages", messagesSid);
    d.put("roster", rosterSid);
    if (previous != null && previous.has("lastMessage")) {
      d.set("lastMessage", previous.get("lastMessage"));
    }
    ObjectNode state = d.putObject("state");
    state.put("current", c.state());
    state.put("dateUpdated", SyncJson.date(c.dateUpdated()));
    return d;
  }

  static ObjectNode withLastMessage(JsonNode document, MessageRecord m) {
    ObjectNode d = document.deepCopy();
    ObjectNode last = d.putObject("lastMessage");
    last.put("index", m.index());
    last.put("timestamp", SyncJson.date(m.dateCreated()));
    return d;
  }

  static ObjectNode message(MessageRecord m) {
    ObjectNode d = SyncJson.JSON.createObjectNode();
    d.put("sid", m.sid());
    d.put("author", m.author());
    d.put("text", m.body());
    d.put("attributes", m.attributes());
    d.put("timestamp", SyncJson.date(m.dateCreated()));
    d.put(
        "dateUpdated", SyncJson.date(m.dateUpdated() == null ? m.dateCreated() : m.dateUpdated()));
    d.putNull("lastUpdatedBy");
    d.put("memberSid", m.participantSid());
    d.put("subject", m.subject());
    d.put("contentSid", m.contentSid());
    if (m.media() != null) {
      d.put("type", "media");
      d.set("medias", medias(SyncJson.parse(m.media())));
    } else {
      d.put("type", "text");
    }
    return d;
  }

  /**
   * The SDK's {@code medias}: the message's stored {@code media} in camelCase ({@code sid,
   * category, filename, contentType, size}), which is what its Media objects read.
   */
  private static ArrayNode medias(JsonNode media) {
    ArrayNode medias = SyncJson.JSON.createArrayNode();
    for (JsonNode m : media) {
      ObjectNode item = medias.addObject();
      item.set("sid", m.get("sid"));
      item.set("category", m.get("category"));
      item.set("filename", m.get("filename"));
      item.set("contentType", m.get("content_type"));
      item.set("size", m.get("size"));
    }
    return medias;
  }

  /** A roster item; {@code userInfo} names the participant's user profile map ("" when none). */
  static ObjectNode participant(ParticipantRecord p, String userInfo) {
    ObjectNode d = SyncJson.JSON.createObjectNode();
    d.put("sid", p.sid());
    d.put("identity", p.identity());
    d.put("type", p.messagingBinding() == null ? "chat" : bindingType(p.messagingBinding()));
    d.put("attributes", p.attributes());
    d.put("dateCreated", SyncJson.date(p.dateCreated()));
    d.put("dateUpdated", SyncJson.date(p.dateUpdated()));
    d.put("roleSid", p.roleSid());
    if (p.lastReadMessageIndex() == null) {
      d.putNull("lastConsumedMessageIndex");
    } else {
      d.put("lastConsumedMessageIndex", p.lastReadMessageIndex());
    }
    d.put("lastConsumptionTimestamp", p.lastReadTimestamp());
    d.put("userInfo", userInfo);
    d.set(
        "bindings",
        p.messagingBinding() == null
            ? SyncJson.JSON.createObjectNode()
            : SyncJson.parse(p.messagingBinding()));
    return d;
  }

  private static String bindingType(String binding) {
    JsonNode type = SyncJson.parse(binding).get("type");
    return type == null || type.isNull() ? "sms" : type.asText();
  }

  /** An item of a user's conversations map: the user's own view of one conversation. */
  static ObjectNode membership(String documentSid, ParticipantRecord p) {
    ObjectNode d = SyncJson.JSON.createObjectNode();
    d.put("channel", documentSid);
    d.put("status", "joined");
    d.put("notificationLevel", p.notificationLevel());
    if (p.lastReadMessageIndex() == null) {
      d.putNull("lastConsumedMessageIndex");
    } else {
      d.put("lastConsumedMessageIndex", p.lastReadMessageIndex());
    }
    return d;
  }

  static ObjectNode value(String value) {
    ObjectNode d = SyncJson.JSON.createObjectNode();
    d.put("value", value);
    return d;
  }

  static ObjectNode friendlyName(UserRecord u) {
    return value(u.friendlyName());
  }

  static ObjectNode attributes(UserRecord u) {
    return value(u.attributes());
  }
}
