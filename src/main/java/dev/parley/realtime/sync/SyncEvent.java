package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change of a Sync object as subscribers receive it: {@code type} is the {@code event_type}
 * ({@code list_item_added}, {@code document_updated}, …) and {@code event} its body, whose {@code
 * id} is the object's event id {@code id}.
 */
public record SyncEvent(String objectSid, SyncKind kind, long id, String type, ObjectNode event) {

  /** The notification payload: {@code {"event_type":…,"event":{…}}}. */
  ObjectNode payload() {
    ObjectNode payload = SyncJson.JSON.createObjectNode();
    payload.put("event_type", type);
    payload.set("event", event);
    return payload;
  }
}
