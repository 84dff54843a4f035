package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change of a Sync object as subscribers receive it: {@code type} is the {@code event_type}
 * ({@code list_item_added}, {@code document_updated}, …) and {@code event} its body, whose {@code
 * id} is the object's event id {@code id}. Not changed once made: within one process the event sent
 * is the one every subscriber's notification is written from.
 */
public record SyncEvent(String objectSid, SyncKind kind, long id, String type, ObjectNode event) {

  /** The event as one broadcast message between nodes. */
  String encode() {
    ObjectNode m = SyncJson.JSON.createObjectNode();
    m.put("o", objectSid).put("k", kind.wire()).put("i", id).put("t", type).set("e", event);
    return SyncJson.write(m);
  }

  static SyncEvent decode(String message) {
    var m = SyncJson.parse(message);
    return new SyncEvent(
        m.path("o").asText(),
        SyncKind.ofWire(m.path("k").asText()),
        m.path("i").asLong(),
        m.path("t").asText(),
        (ObjectNode) m.path("e"));
  }

  /** The notification payload: {@code {"event_type":…,"event":{…}}}. */
  ObjectNode payload() {
    ObjectNode payload = SyncJson.JSON.createObjectNode();
    payload.put("event_type", type);
    payload.set("event", event);
    return payload;
  }
}
