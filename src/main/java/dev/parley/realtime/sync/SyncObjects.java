package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.ids.SidGenerator;
import dev.parley.store.Store;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Changes Sync objects inside a caller's transaction. Each change takes the object's next event id,
 * and its event is handed to {@code publish} once the transaction commits, never before.
 */
final class SyncObjects {
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final SyncJson json;
  private final Consumer<SyncEvent> publish;

  SyncObjects(
      Store store, Clock clock, SidGenerator sids, SyncJson json, Consumer<SyncEvent> publish) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.json = json;
    this.publish = publish;
  }

  Optional<SyncObjectRecord> find(Tx tx, String serviceSid, String uniqueName) {
    return store.sync().find(tx, serviceSid, uniqueName);
  }

  /**
   * The object named {@code uniqueName}, created empty (a document with {@code data}) when there is
   * none yet. Creation is no event: nobody can be subscribed to an object before it exists.
   */
  SyncObjectRecord ensure(
      Tx tx,
      String accountSid,
      String serviceSid,
      String uniqueName,
      SyncKind kind,
      JsonNode data) {
    return find(tx, serviceSid, uniqueName)
        .orElseGet(
            () -> {
              Instant now = clock.instant();
              SyncObjectRecord created =
                  new SyncObjectRecord(
                      sids.next(kind.prefix()),
                      accountSid,
                      serviceSid,
                      uniqueName,
                      kind.wire(),
                      0,
                      data == null ? null : SyncJson.write(data),
                      now,
                      now);
              store.sync().insert(tx, created);
              return created;
            });
  }

  void updateDocument(Tx tx, SyncObjectRecord document, JsonNode data) {
    String text = SyncJson.write(data);
    if (text.equals(document.data())) {
      return;
    }
    Instant now = clock.instant();
    long id = store.sync().nextEventId(tx, document.sid(), text, now);
    SyncObjectRecord updated =
        new SyncObjectRecord(
            document.sid(),
            document.accountSid(),
            document.serviceSid(),
            document.uniqueName(),
            document.kind(),
            id,
            text,
            document.dateCreated(),
            now);
    published(tx, json.documentUpdated(updated));
  }

  /** Adds the item, or replaces its data; an unchanged item is left alone. */
  void putItem(Tx tx, SyncObjectRecord object, String key, Long index, ObjectNode data) {
    String text = SyncJson.write(data);
    Optional<SyncItemRecord> existing =
        store.sync().findItem(tx, object.sid(), key).filter(item -> !item.removed());
    if (existing.isPresent() && existing.get().data().equals(text)) {
      return;
    }
    Instant now = clock.instant();
    long id = store.sync().nextEventId(tx, object.sid(), null, now);
    SyncItemRecord item =
        new SyncItemRecord(
            object.sid(),
            key,
            index,
            text,
            existing.map(SyncItemRecord::createdEventId).orElse(id),
            id,
            false,
            existing.map(SyncItemRecord::dateCreated).orElse(now),
            now);
    store.sync().putItem(tx, item);
    published(tx, json.itemEvent(object, item, existing.isEmpty()));
  }

  /** Removes the item, keeping a tombstone so that a reconnecting client hears of it. */
  void removeItem(Tx tx, SyncObjectRecord object, String key) {
    Optional<SyncItemRecord> existing =
        store.sync().findItem(tx, object.sid(), key).filter(item -> !item.removed());
    if (existing.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    long id = store.sync().nextEventId(tx, object.sid(), null, now);
    SyncItemRecord old = existing.get();
    SyncItemRecord tombstone =
        new SyncItemRecord(
            object.sid(),
            key,
            old.itemIndex(),
            old.data(),
            old.createdEventId(),
            id,
            true,
            old.dateCreated(),
            now);
    store.sync().putItem(tx, tombstone);
    published(tx, json.itemEvent(object, tombstone, false));
  }

  /** Deletes the object; subscribers hear that it was removed, later openers get a 404. */
  void delete(Tx tx, SyncObjectRecord object) {
    store.sync().delete(tx, object.sid());
    published(tx, json.objectRemoved(object, object.lastEventId() + 1));
  }

  private void published(Tx tx, SyncEvent event) {
    tx.afterCommit(() -> publish.accept(event));
  }
}
