package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

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

  /**
   * How long after the client acknowledged an event a page that shows its item may reach it. The
   * SDK acknowledges a notification as it parses it but handles it on a timer of 0 (at least 1 ms
   * in Node), while it handles a reply at once: a page that came sooner would be cached first, and
   * the event then dropped as known, with no {@code messageAdded} (docs/realtime-protocol.md §4.5).
   * More than the timer: a client whose process waits for a CPU when its timer falls due reads what
   * came meanwhile before it runs the timer. No wait is long enough for every starved client; this
   * one costs a page read at most 20 ms, and only right after an event.
   */
  static final long HANDLED_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * How long an event may wait for its acknowledgement before pages show its item anyway: for a
   * client that acknowledges nothing (the SDK acknowledges every frame).
   */
  static final long ACK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  final Session session;
  final String objectSid;

  private boolean replaying = true;
  private boolean overflowed;
  private List<LiveEvent> held = new ArrayList<>();
  private long delivered;
  private final TreeMap<Long, LiveEvent> early = new TreeMap<>();

  /**
   * The newest event of the object the client has acknowledged (its establishment stands for the
   * replay before it), or the id it subscribed from: items created after it are news it has yet to
   * hear of as events. Long.MAX_VALUE while a client that subscribed from nothing is established.
   */
  private long heard;

  /** When a page showing what the client heard last may go out ({@link #HANDLED_NANOS}). */
  private long heardHandledNanos = System.nanoTime();

  /** The newest event sent that waits for its acknowledgement (waiting while above heard). */
  private long awaited;

  /** Since when an event has waited for its acknowledgement, at the latest. */
  private long awaitedSinceNanos;

  /** {@code from}: the event id the client subscribed from (null: it cached nothing). */
  Subscriber(Session session, String objectSid, Long from) {
    this.session = session;
    this.objectSid = objectSid;
    this.heard = from == null ? Long.MAX_VALUE : from;
    this.awaited = Long.MIN_VALUE;
  }

  /**
   * What a page may show: the items created up to the newest event the client has heard of, no
   * sooner than it has handled it. Not what it was sent: the SDK handles a reply before a
   * notification that reached it just ahead, and drops an item's event once a page gave it the
   * item.
   */
  synchronized PageHorizon horizon() {
    long now = System.nanoTime();
    if (awaited > heard && now - awaitedSinceNanos > ACK_WAIT_NANOS) {
      heard = awaited;
      heardHandledNanos = now;
    }
    return new PageHorizon(heard, Math.max(0, heardHandledNanos - now));
  }

  /**
   * Sends {@code payload} (a JSON object) for the event {@code eventId}, to be heard when it is
   * acknowledged.
   */
  private void send(String messageType, byte[] payload, long eventId, boolean establishment) {
    if (awaited <= heard) {
      awaitedSinceNanos = System.nanoTime();
    }
    awaited = Math.max(awaited, eventId);
    session.notifyWritten(messageType, payload, () -> acknowledged(eventId, establishment));
  }

  /**
   * The client acknowledged (parsed) the event {@code eventId}; it handles it a moment later.
   * Acknowledgements come in the order the frames went out, so the establishment's comes first.
   */
  private synchronized void acknowledged(long eventId, boolean establishment) {
    long now = System.nanoTime();
    heard = establishment ? eventId : Math.max(heard, eventId);
    heardHandledNanos = now + HANDLED_NANOS;
    if (awaited > heard) {
      awaitedSinceNanos = now; // the later ones wait from now at the latest
    }
  }

  synchronized void live(LiveEvent event) {
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
      LiveEvent next = early.pollFirstEntry().getValue();
      delivered = next.id();
      send(next.event.kind().messageType(), next.notification(), next.id(), false);
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
    send(SYNC_EVENT, SyncJson.bytes(established), lastEventId, true);
    delivered = lastEventId;
    replaying = false;
    List<LiveEvent> later = held;
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
