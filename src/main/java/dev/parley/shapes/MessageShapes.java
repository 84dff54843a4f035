package dev.parley.shapes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.events.EventFields;
import dev.parley.store.MessageRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's wire shapes, side by side (see {@link ConversationShapes} for why each is written
 * out). A field a shape gains goes in its method here and leaves {@link #LEFT_OUT}.
 */
public final class MessageShapes {
  /** The components each shape leaves out, and why; {@code ShapesCoverageTest} keeps it true. */
  public static final List<LeftOut> LEFT_OUT =
      List.of(
          new LeftOut(Shape.REST, "contentVariables", "not in the message schema"),
          new LeftOut(Shape.REST, "subject", "not in the message schema"),
          // CLIENT: what the SDK's Message reads from a command's answer (the rest from Sync).
          new LeftOut(Shape.CLIENT, "accountSid", "the SDK reads no account"),
          new LeftOut(Shape.CLIENT, "serviceSid", "only in the url"),
          new LeftOut(Shape.CLIENT, "media", "read from the Sync item"),
          new LeftOut(Shape.CLIENT, "contentSid", "read from the Sync item"),
          new LeftOut(Shape.CLIENT, "contentVariables", "the SDK reads none"),
          new LeftOut(Shape.CLIENT, "subject", "read from the Sync item"),
          // SYNC: an item of the conversation's messages list, at the message's index.
          new LeftOut(Shape.SYNC, "accountSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "serviceSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "conversationSid", "the list is the conversation's"),
          new LeftOut(Shape.SYNC, "index", "the item's own index"),
          new LeftOut(Shape.SYNC, "contentVariables", "the SDK reads none"),
          // EVENT and PRE_ACTION: the fields of Twilio's webhook table.
          new LeftOut(Shape.EVENT, "contentSid", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "contentVariables", "not in Twilio's webhook fields"),
          new LeftOut(Shape.EVENT, "subject", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "contentSid", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "contentVariables", "not in Twilio's webhook fields"),
          new LeftOut(Shape.PRE_ACTION, "subject", "not in Twilio's webhook fields"));

  private MessageShapes() {}

  /**
   * REST: {@code conversations.v1.conversation.conversation_message}; the service-scoped twin adds
   * {@code chat_service_sid} (null on the short path, and left out). The spec has no {@code
   * subject} field, so it is stored but not shown.
   */
  public record Rest(
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
      String contentSid) {}

  /** REST at {@code url}, with its {@code delivery} summary (null when chat only). */
  public static Rest rest(
      MessageRecord m, DeliverySummary delivery, String chatServiceSid, String url) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("delivery_receipts", url + "/Receipts");
    links.put("channel_metadata", url + "/ChannelMetadata");
    return new Rest(
        m.accountSid(),
        chatServiceSid,
        m.conversationSid(),
        m.sid(),
        m.index(),
        m.author(),
        m.body(),
        WireJson.tree(m.media()),
        m.attributes(),
        m.participantSid(),
        m.dateCreated(),
        m.dateUpdated(),
        url,
        delivery,
        links,
        m.contentSid());
  }

  /** CLIENT (docs/realtime-protocol.md §3.3), at {@code url} (the tunnelled command's). */
  public static ObjectNode client(MessageRecord m, String url) {
    ObjectNode j = WireJson.object();
    j.put("sid", m.sid());
    j.put("conversation_sid", m.conversationSid());
    j.put("index", m.index());
    j.put("author", m.author());
    j.put("body", m.body());
    j.put("attributes", m.attributes());
    j.put("participant_sid", m.participantSid());
    j.put("date_created", WireJson.date(m.dateCreated()));
    j.put("date_updated", WireJson.date(m.dateUpdated()));
    j.put("url", url);
    return j;
  }

  /**
   * SYNC: an item of the conversation's messages list (docs/realtime-protocol.md §4.2), read from
   * {@link #syncText}.
   */
  public static ObjectNode sync(MessageRecord m) {
    return (ObjectNode) WireJson.parse(syncText(m));
  }

  /**
   * SYNC: the item's text, the mapper's text of it, written field by field through the mapper's
   * generator: every message writes one, and a tree and databind's set-up per call cost the writer
   * more than the writing (issue 16 §3). Attributes stay a JSON string: the SDK parses them itself.
   */
  public static String syncText(MessageRecord m) {
    return WireJson.written(
        g -> {
          g.writeStartObject();
          g.writeStringField("sid", m.sid());
          g.writeStringField("author", m.author());
          g.writeStringField("text", m.body());
          g.writeStringField("attributes", m.attributes());
          g.writeStringField("timestamp", WireJson.date(m.dateCreated()));
          g.writeStringField(
              "dateUpdated",
              WireJson.date(m.dateUpdated() == null ? m.dateCreated() : m.dateUpdated()));
          g.writeNullField("lastUpdatedBy");
          g.writeStringField("memberSid", m.participantSid());
          g.writeStringField("subject", m.subject());
          g.writeStringField("contentSid", m.contentSid());
          if (m.media() != null) {
            g.writeStringField("type", "media");
            g.writeFieldName("medias");
            g.writeTree(syncMedias(WireJson.parse(m.media())));
          } else {
            g.writeStringField("type", "text");
          }
          g.writeEndObject();
        });
  }

  /** EVENT: {@code onMessageAdded}; {@code messagingServiceSid} is the conversation's. */
  public static EventFields added(EventFields f, MessageRecord m, String messagingServiceSid) {
    return common(f, m).put("MessagingServiceSid", messagingServiceSid);
  }

  /** EVENT: {@code onMessageUpdated}. */
  public static EventFields updated(EventFields f, MessageRecord m) {
    return common(f, m).put("DateUpdated", m.dateUpdated());
  }

  /** EVENT: {@code onMessageRemoved}. */
  public static EventFields removed(EventFields f, MessageRecord m, Instant removed) {
    return common(f, m).put("DateUpdated", m.dateUpdated()).put("DateRemoved", removed);
  }

  private static EventFields common(EventFields f, MessageRecord m) {
    return f.put("ConversationSid", m.conversationSid())
        .put("MessageSid", m.sid())
        .put("Index", m.index())
        .put("DateCreated", m.dateCreated())
        .put("Body", m.body())
        .put("Author", m.author())
        .put("ParticipantSid", m.participantSid())
        .put("Attributes", m.attributes())
        .put("Media", webhookMedia(m.media()));
  }

  /**
   * PRE_ACTION: {@code onMessageUpdate}, with the values the change would set; {@code
   * onMessageRemove} passes the message's own.
   */
  public static EventFields preAction(
      EventFields f, MessageRecord m, String body, String author, String attributes) {
    return f.put("ConversationSid", m.conversationSid())
        .put("MessageSid", m.sid())
        .put("Index", m.index())
        .put("DateCreated", m.dateCreated())
        .put("DateUpdated", m.dateUpdated())
        .put("ParticipantSid", m.participantSid())
        .put("Attributes", m.attributes())
        .put("Media", webhookMedia(m.media()))
        .put("Body", body)
        .put("Author", author)
        .put("Attributes", attributes);
  }

  /**
   * PRE_ACTION: {@code onMessageAdd}, of a message not made yet; {@code media} is what it would
   * carry, in the stored {@code media} JSON (null for none).
   */
  public static EventFields preActionAdd(
      EventFields f,
      String conversationSid,
      String body,
      String author,
      String attributes,
      String media) {
    return f.put("ConversationSid", conversationSid)
        .put("Body", body)
        .put("Author", author)
        .put("Attributes", attributes)
        .put("Media", webhookMedia(media));
  }

  /**
   * The SDK's {@code medias}: the message's stored {@code media} in camelCase ({@code sid,
   * category, filename, contentType, size}), which is what its Media objects read.
   */
  private static ArrayNode syncMedias(JsonNode media) {
    ArrayNode medias = WireJson.array();
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

  /**
   * A message's stored {@code media} as Twilio's webhooks send it in {@code Media}: a JSON string
   * of {@code [{Sid, Filename, ContentType, Size, Category}]}; null for a message without media.
   */
  static String webhookMedia(String media) {
    if (media == null) {
      return null;
    }
    ArrayNode pascal = WireJson.array();
    for (JsonNode m : WireJson.parse(media)) {
      ObjectNode item = pascal.addObject();
      item.set("Sid", m.get("sid"));
      item.set("Filename", m.get("filename"));
      item.set("ContentType", m.get("content_type"));
      item.set("Size", m.get("size"));
      item.set("Category", m.get("category"));
    }
    return pascal.toString();
  }
}
