package dev.parley.realtime.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.parley.json.Json;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The CDS wire shapes of objects, items and their events (docs/realtime-protocol.md §4). Every URL
 * is absolute: the SDK's tunnel refuses any other.
 */
final class SyncJson {
  static final ObjectMapper JSON = Json.MAPPER;
  private final UnaryOperator<String> absolute;

  /** {@code absolute} turns a path into a URL on Parley's public base. */
  SyncJson(UnaryOperator<String> absolute) {
    this.absolute = absolute;
  }

  String url(SyncObjectRecord o) {
    return absolute.apply("/v3/" + kind(o).path() + "/" + o.sid());
  }

  String itemUrl(SyncObjectRecord o, String key) {
    return url(o) + "/Items/" + key;
  }

  ObjectNode descriptor(SyncObjectRecord o) {
    ObjectNode d = JSON.createObjectNode();
    d.put("sid", o.sid());
    d.put("unique_name", o.uniqueName());
    d.put("url", url(o));
    d.put("revision", Long.toString(o.lastEventId()));
    d.put("last_event_id", o.lastEventId());
    if (kind(o) == SyncKind.DOCUMENT) {
      d.set("data", parse(o.data()));
    } else {
      ObjectNode links = d.putObject("links");
      links.put("items", url(o) + "/Items");
      links.put("context", url(o) + "/Context");
    }
    d.put("date_created", date(o.dateCreated()));
    d.put("date_updated", date(o.dateUpdated()));
    d.putNull("date_expires");
    return d;
  }

  ObjectNode item(SyncObjectRecord o, SyncItemRecord item) {
    ObjectNode i = JSON.createObjectNode();
    if (item.itemIndex() != null) {
      i.put("index", item.itemIndex());
    } else {
      i.put("key", item.itemKey());
    }
    i.put("url", itemUrl(o, item.itemKey()));
    i.put("revision", Long.toString(item.lastEventId()));
    i.put("last_event_id", item.lastEventId());
    i.set("data", parse(item.data()));
    i.put("date_created", date(item.dateCreated()));
    i.put("date_updated", date(item.dateUpdated()));
    i.putNull("date_expires");
    return i;
  }

  /**
   * The event of an item's last change: removed for a tombstone, else added or updated as the
   * caller says.
   */
  SyncEvent itemEvent(SyncObjectRecord o, SyncItemRecord item, boolean added) {
    return itemEvent(o, item, added, parse(item.data()));
  }

  /**
   * {@link #itemEvent} to {@link SyncEvent#encode}, for the broadcast: the item's data, JSON this
   * node wrote, goes into the message as it is rather than parsed to be written again (a new
   * message's item and its conversation's document are most of what a post's writer encodes).
   */
  SyncEvent itemEventToSend(SyncObjectRecord o, SyncItemRecord item, boolean added) {
    return itemEvent(o, item, added, unparsed(item.data()));
  }

  private SyncEvent itemEvent(
      SyncObjectRecord o, SyncItemRecord item, boolean added, JsonNode data) {
    SyncKind kind = kind(o);
    String prefix = kind == SyncKind.LIST ? "list" : "map";
    String type =
        prefix + (item.removed() ? "_item_removed" : added ? "_item_added" : "_item_updated");
    ObjectNode e = JSON.createObjectNode();
    e.put(prefix + "_sid", o.sid());
    e.put("id", item.lastEventId());
    if (kind == SyncKind.LIST) {
      e.put("item_index", item.itemIndex());
    } else {
      e.put("item_key", item.itemKey());
    }
    if (!item.removed()) {
      e.put("item_url", itemUrl(o, item.itemKey()));
      e.put("item_revision", Long.toString(item.lastEventId()));
      e.put(prefix + "_revision", Long.toString(item.lastEventId()));
    }
    e.set("item_data", data);
    e.put("date_created", date(item.dateUpdated()));
    return new SyncEvent(o.sid(), kind, item.lastEventId(), type, e);
  }

  SyncEvent documentUpdated(SyncObjectRecord o) {
    return documentUpdated(o, parse(o.data()));
  }

  /** {@link #documentUpdated} to {@link SyncEvent#encode}, its data unparsed (see above). */
  SyncEvent documentUpdatedToSend(SyncObjectRecord o) {
    return documentUpdated(o, unparsed(o.data()));
  }

  private SyncEvent documentUpdated(SyncObjectRecord o, JsonNode data) {
    ObjectNode e = JSON.createObjectNode();
    e.put("document_sid", o.sid());
    e.put("id", o.lastEventId());
    e.put("document_revision", Long.toString(o.lastEventId()));
    e.set("document_data", data);
    e.put("date_created", date(o.dateUpdated()));
    return new SyncEvent(o.sid(), SyncKind.DOCUMENT, o.lastEventId(), "document_updated", e);
  }

  SyncEvent objectRemoved(SyncObjectRecord o, long id) {
    SyncKind kind = kind(o);
    ObjectNode e = JSON.createObjectNode();
    e.put(kind.wire() + "_sid", o.sid());
    e.put("id", id);
    return new SyncEvent(o.sid(), kind, id, kind.wire() + "_removed", e);
  }

  static SyncKind kind(SyncObjectRecord o) {
    return SyncKind.ofWire(o.kind());
  }

  static String date(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code json} as a node that writes it as it is: for a tree that is only written. */
  private static JsonNode unparsed(String json) {
    return json == null
        ? JSON.createObjectNode()
        : JSON.getNodeFactory().rawValueNode(new RawValue(json));
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
