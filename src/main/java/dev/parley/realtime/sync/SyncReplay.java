package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.realtime.Session;
import dev.parley.store.Store;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import java.util.ArrayList;
import java.util.List;

/**
 * Establishes a registered subscription: replays what the client missed since the event id it holds
 * (every item changed since, in the order of their last change, removals included), then confirms.
 * A reconnecting client thereby catches up with no gap and no duplicate.
 */
final class SyncReplay {
  private static final int BATCH = 500;
  private final Store store;
  private final SyncJson json;
  private final SyncAccess access;
  private final Subscriptions subscriptions;

  SyncReplay(Store store, SyncJson json, SyncAccess access, Subscriptions subscriptions) {
    this.store = store;
    this.json = json;
    this.access = access;
    this.subscriptions = subscriptions;
  }

  /**
   * Replays to {@code subscriber} (registered with {@link Subscriptions#subscribe}, which holds its
   * live events meanwhile) what it missed since {@code lastEventId}, the id the client holds, then
   * establishes it. Null (a client that cached nothing) replays nothing and subscribes from now.
   */
  void establish(
      Session session,
      Subscriber subscriber,
      String objectType,
      Long lastEventId,
      long correlationId) {
    String objectSid = subscriber.objectSid;
    record Snapshot(SyncObjectRecord object, List<SyncEvent> missed) {}
    Snapshot snapshot;
    try {
      snapshot =
          access.read(
              session.grant(),
              null,
              objectSid,
              (tx, object) -> new Snapshot(object, missed(tx, object, lastEventId)));
    } catch (ApiException e) {
      subscriptions.drop(subscriber);
      session.notify(Subscriber.SYNC_EVENT, failed(objectSid, objectType, e, correlationId));
      return;
    }
    subscriber.establish(
        snapshot.missed(),
        SyncJson.kind(snapshot.object()),
        snapshot.object().lastEventId(),
        correlationId);
  }

  private List<SyncEvent> missed(Tx tx, SyncObjectRecord object, Long lastEventId) {
    List<SyncEvent> missed = new ArrayList<>();
    if (lastEventId == null || lastEventId >= object.lastEventId()) {
      return missed;
    }
    if (SyncJson.kind(object) == SyncKind.DOCUMENT) {
      missed.add(json.documentUpdated(object));
      return missed;
    }
    long after = lastEventId;
    while (true) {
      List<SyncItemRecord> changed = store.sync().changedSince(tx, object.sid(), after, BATCH);
      for (SyncItemRecord item : changed) {
        // A removal goes out even for an item added after the client's id: the SDK may know the
        // thing from elsewhere (a conversation from the REST list it read before the map).
        boolean known = item.createdEventId() <= lastEventId;
        missed.add(json.itemEvent(object, item, !known));
        after = item.lastEventId();
      }
      if (changed.size() < BATCH) {
        return missed;
      }
    }
  }

  /** A 404 tells the SDK the object is gone; a 403 that it may not read it. */
  private static ObjectNode failed(
      String objectSid, String objectType, ApiException e, long correlationId) {
    ObjectNode payload = Subscriber.control("subscription_failed", correlationId);
    ObjectNode event = payload.putObject("event");
    event.put("object_sid", objectSid);
    event.put("object_type", objectType);
    ObjectNode error = event.putObject("error");
    error.put("status", e.error().status());
    error.put("code", e.error().code());
    error.put("message", e.getMessage());
    return payload;
  }
}
