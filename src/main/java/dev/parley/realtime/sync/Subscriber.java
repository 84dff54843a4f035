package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One session's subscription to one Sync object. While its replay is being read, live events are
 * held back, so the client sees the replay, then {@code subscription_established}, then the live
 * events after it, each event once and in id order (docs/realtime-protocol.md §4.5–4.6).
 */
final class Subscriber {
  static final String SYNC_EVENT = "twilio.sync.event";

  /** Live events held during one replay; past this the client is told to subscribe again. */
  private static final int MAX_HELD = 10_000;

  /** Events held back waiting for an earlier one before they go out anyway. */
  private static final int MAX_OUT_OF_ORDER = 64;

  final Session session;
  final String objectSid;

  /** The event id the client subscribed from (null: it cached nothing). */
  private final Long from;

  private boolean replaying = true;
  private boolean overflowed;
  private List<SyncEvent> held = new ArrayList<>();
  private long delivered;
  private final TreeMap<Long, SyncEvent> early = new TreeMap<>();

  Subscriber(Session session, String objectSid, Long from) {
    this.session = session;
    this.objectSid = objectSid;
    this.from = from;
  }

  /**
   * The newest event of the object the client has been sent or will be sent by the replay under
   * way: items created after it are news it has yet to hear of as events.
   */
  synchronized long horizon() {
    if (replaying) {
      return from == null ? Long.MAX_VALUE : from;
    }
    return delivered;
  }

  synchronized void live(SyncEvent event) {
    if (replaying) {
      if (held.size() < MAX_HELD) {
        held.add(event);
      } else {
        overflowed = true;
      }
      return;
    }
    if (event.id() <= delivered) {
      return;
    }
    early.put(event.id(), event);
    // An object's event ids are consecutive. On PostgreSQL two commits may reach the fan-out in
    // the other order; the later one waits here for the earlier, but never for long.
    while (!early.isEmpty()
        && (early.firstKey() == delivered + 1 || early.size() > MAX_OUT_OF_ORDER)) {
      SyncEvent next = early.pollFirstEntry().getValue();
      delivered = next.id();
      session.notify(next.kind().messageType(), next.payload());
    }
  }

  /**
   * Sends {@code replay} (the changes after the client's event id, read after this subscriber was
   * registered), then establishes the subscription at {@code lastEventId}, then the live events
   * held meanwhile that are newer.
   */
  synchronized void establish(
      List<SyncEvent> replay, SyncKind kind, long lastEventId, long correlationId) {
    for (SyncEvent event : replay) {
      ObjectNode payload = event.payload();
      payload.put("correlation_id", correlationId);
      session.notify(SYNC_EVENT, payload);
    }
    ObjectNode established = control("subscription_established", correlationId);
    ObjectNode event = established.putObject("event");
    event.put("object_sid", objectSid);
    event.put("object_type", kind.wire());
    event.put("replay_status", overflowed ? "interrupted" : "completed");
    event.put("last_event_id", lastEventId);
    session.notify(SYNC_EVENT, established);
    delivered = lastEventId;
    replaying = false;
    List<SyncEvent> later = held;
    held = List.of();
    if (!overflowed) {
      later.forEach(this::live);
    }
  }

  static ObjectNode control(String type, long correlationId) {
    ObjectNode payload = SyncJson.JSON.createObjectNode();
    payload.put("event_type", type);
    payload.put("correlation_id", correlationId);
    return payload;
  }
}
