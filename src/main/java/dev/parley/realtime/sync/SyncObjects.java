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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Changes Sync objects inside a caller's transaction. Each change takes the object's next event id,
 * and its event is broadcast to every node once the transaction commits, never before.
 */
final class SyncObjects {
  /** About 300 bytes each: a few tens of MB for the busiest conversations and users. */
  private static final int KNOWN_OBJECTS = 50_000;

  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final SyncJson json;
  private final KnownObjects known = new KnownObjects(KNOWN_OBJECTS);

  SyncObjects(Store store, Clock clock, SidGenerator sids, SyncJson json) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.json = json;
  }

  Optional<SyncObjectRecord> find(Tx tx, String serviceSid, String uniqueName) {
    flush(tx);
    return store.sync().find(tx, serviceSid, uniqueName);
  }

  /**
   * The object named {@code uniqueName}, created empty (a document with {@code data}) when there is
   * none yet; {@code fresh} says the caller knows there is none (its user was just made). A
   * document's data may be old: {@link #current} reads it.
   */
  SyncObjectRecord ensure(
      Tx tx,
      String accountSid,
      String serviceSid,
      String uniqueName,
      SyncKind kind,
      JsonNode data,
      boolean fresh) {
    return existing(tx, serviceSid, uniqueName, fresh)
        .orElseGet(
            () ->
                create(
                    tx, accountSid, serviceSid, uniqueName, kind, sids.next(kind.prefix()), data));
  }

  /**
   * The object named {@code uniqueName}, if there is one; {@code onlyHere}: look only among those
   * this transaction made or met (the caller knows no other can exist).
   */
  Optional<SyncObjectRecord> existing(
      Tx tx, String serviceSid, String uniqueName, boolean onlyHere) {
    ThisTransaction here = here(tx);
    SyncObjectRecord met = here.objects.get(serviceSid + "/" + uniqueName);
    if (met != null || onlyHere) {
      return Optional.ofNullable(met);
    }
    SyncObjectRecord cached = known.get(serviceSid, uniqueName);
    if (cached != null) {
      return Optional.of(cached);
    }
    // An object this transaction made is among those it met: no need to write it first.
    Optional<SyncObjectRecord> found = store.sync().find(tx, serviceSid, uniqueName);
    found.ifPresent(
        o -> {
          here.objects.put(serviceSid + "/" + uniqueName, o);
          remember(tx, o);
        });
    return found;
  }

  /**
   * Creates the object, empty (a document with {@code data}). Creation is no event: nobody can be
   * subscribed to an object before it exists.
   */
  SyncObjectRecord create(
      Tx tx,
      String accountSid,
      String serviceSid,
      String uniqueName,
      SyncKind kind,
      String sid,
      JsonNode data) {
    ThisTransaction here = here(tx);
    Instant now = clock.instant();
    SyncObjectRecord created =
        new SyncObjectRecord(
            sid,
            accountSid,
            serviceSid,
            uniqueName,
            kind.wire(),
            0,
            data == null ? null : SyncJson.write(data),
            now,
            now);
    here.objects.put(serviceSid + "/" + uniqueName, created);
    here.created.add(created.sid());
    here.pending.put(created.sid(), new Pending(created));
    remember(tx, created);
    return created;
  }

  /** The object as the transaction sees it now (a document's newest data). */
  SyncObjectRecord current(Tx tx, SyncObjectRecord object) {
    Pending pending = here(tx).pending.get(object.sid());
    if (pending != null) {
      return pending.object;
    }
    return store.sync().find(tx, object.serviceSid(), object.sid()).orElse(object);
  }

  /**
   * What this transaction did to Sync objects so far: the objects it met (by service and name),
   * those it created, and the items it put, so its next change skips their lookups. An object
   * created here holds only the items put here. Created objects stay {@code pending}, with their
   * items, until the transaction's work is done: a new web chat's five objects and four items are
   * then two statements, not fifteen (see {@link #flush}).
   */
  private static final class ThisTransaction {
    final Map<String, SyncObjectRecord> objects = new HashMap<>();
    final Set<String> created = new HashSet<>();
    final Set<String> itemsPut = new HashSet<>();
    final Map<String, Pending> pending = new LinkedHashMap<>();

    boolean mayHold(SyncObjectRecord object, String key) {
      return !created.contains(object.sid()) || itemsPut.contains(object.sid() + "/" + key);
    }
  }

  /** An object created in this transaction and not written yet: as it is now, and its items. */
  private static final class Pending {
    SyncObjectRecord object;
    final Map<String, SyncItemRecord> items = new LinkedHashMap<>();

    Pending(SyncObjectRecord object) {
      this.object = object;
    }
  }

  private ThisTransaction here(Tx tx) {
    return tx.memo(
        ThisTransaction.class,
        () -> {
          tx.beforeCommit(() -> flush(tx));
          return new ThisTransaction();
        });
  }

  /**
   * Writes the pending objects and then their items, each kind in one statement. Runs before the
   * transaction commits, and before anything reads Sync rows back from the store in it.
   */
  private void flush(Tx tx) {
    ThisTransaction here = here(tx);
    if (here.pending.isEmpty()) {
      return;
    }
    List<SyncObjectRecord> objects = new ArrayList<>(here.pending.size());
    List<SyncItemRecord> items = new ArrayList<>();
    for (Pending p : here.pending.values()) {
      objects.add(p.object);
      items.addAll(p.items.values());
    }
    here.pending.clear();
    store.sync().insertAll(tx, objects);
    if (!items.isEmpty()) {
      store.sync().insertItems(tx, items);
    }
  }

  /** Takes the object's next event id (and sets a document's data), in memory while pending. */
  private long nextEventId(Tx tx, SyncObjectRecord object, String data, Instant now) {
    Pending pending = here(tx).pending.get(object.sid());
    if (pending == null) {
      return store.sync().nextEventId(tx, object.sid(), data, now);
    }
    SyncObjectRecord o = pending.object;
    pending.object =
        new SyncObjectRecord(
            o.sid(),
            o.accountSid(),
            o.serviceSid(),
            o.uniqueName(),
            o.kind(),
            o.lastEventId() + 1,
            data == null ? o.data() : data,
            o.dateCreated(),
            now);
    return pending.object.lastEventId();
  }

  private void write(Tx tx, SyncItemRecord item) {
    Pending pending = here(tx).pending.get(item.objectSid());
    if (pending == null) {
      store.sync().putItem(tx, item);
    } else {
      pending.items.put(item.itemKey(), item);
    }
  }

  /** Only what commits is remembered: a rolled-back creation never was. */
  private void remember(Tx tx, SyncObjectRecord object) {
    tx.afterCommit(() -> known.put(object));
  }

  /** Sets the document's data to {@code text}; the same data again is no change. */
  void updateDocument(Tx tx, SyncObjectRecord document, String text) {
    if (text.equals(document.data())) {
      return;
    }
    Instant now = clock.instant();
    long id = nextEventId(tx, document, text, now);
    documentUpdated(tx, document, () -> id, text, now);
  }

  /** {@code id}: the event id taken, read only for the event sent at the commit. */
  private void documentUpdated(
      Tx tx, SyncObjectRecord document, LongSupplier id, String text, Instant now) {
    published(
        tx,
        document,
        () ->
            json.documentUpdatedToSend(
                new SyncObjectRecord(
                    document.sid(),
                    document.accountSid(),
                    document.serviceSid(),
                    document.uniqueName(),
                    document.kind(),
                    id.getAsLong(),
                    text,
                    document.dateCreated(),
                    now)));
  }

  /** Adds an item under a key the object never had (a new message index, a new participant). */
  void addItem(Tx tx, SyncObjectRecord object, String key, Long index, ObjectNode data) {
    addItem(tx, object, key, index, SyncJson.write(data));
  }

  /** {@link #addItem} with the item's data as text. */
  private void addItem(Tx tx, SyncObjectRecord object, String key, Long index, String data) {
    here(tx).itemsPut.add(object.sid() + "/" + key);
    Instant now = clock.instant();
    itemAdded(tx, object, key, index, data, nextEventId(tx, object, null, now), now);
  }

  private void itemAdded(
      Tx tx, SyncObjectRecord object, String key, Long index, String data, long id, Instant now) {
    SyncItemRecord item =
        new SyncItemRecord(object.sid(), key, index, data, id, id, false, now, now);
    write(tx, item);
    published(tx, object, () -> json.itemEventToSend(object, item, true));
  }

  /**
   * {@link #addItem} to {@code list} and {@link #updateDocument} of {@code document}, the two
   * changes of a new message, each given as its text: where neither object was made in this
   * transaction, both event ids are taken by one statement.
   */
  void addItemAndUpdateDocument(
      Tx tx,
      SyncObjectRecord list,
      String key,
      Long index,
      String item,
      SyncObjectRecord document,
      String text) {
    ThisTransaction here = here(tx);
    if (here.pending.containsKey(list.sid())
        || here.pending.containsKey(document.sid())
        || text.equals(document.data())) {
      addItem(tx, list, key, index, item);
      updateDocument(tx, document, text);
      return;
    }
    here.itemsPut.add(list.sid() + "/" + key);
    Instant now = clock.instant();
    // The item goes with the statement that takes both ids (it takes the list's itself).
    // The ids are read only for the events sent at the commit: asking for them earlier would send
    // the post's statements while it runs (on PostgreSQL, where a batch's posts go together).
    Supplier<long[]> ids =
        store
            .sync()
            .addItemAndNextEventIds(
                tx,
                new SyncItemRecord(list.sid(), key, index, item, 0, 0, false, now, now),
                document.sid(),
                text,
                now);
    published(
        tx,
        list,
        () -> {
          long id = ids.get()[0];
          return json.itemEventToSend(
              list,
              new SyncItemRecord(list.sid(), key, index, item, id, id, false, now, now),
              true);
        });
    documentUpdated(tx, document, () -> ids.get()[1], text, now);
  }

  /** Adds the item, or replaces its data; an unchanged item is left alone. */
  void putItem(Tx tx, SyncObjectRecord object, String key, Long index, ObjectNode data) {
    String text = SyncJson.write(data);
    ThisTransaction here = here(tx);
    Pending pending = here.pending.get(object.sid());
    Optional<SyncItemRecord> existing =
        pending != null
            ? Optional.ofNullable(pending.items.get(key))
            : here.mayHold(object, key)
                ? store.sync().findItem(tx, object.sid(), key).filter(item -> !item.removed())
                : Optional.empty();
    here.itemsPut.add(object.sid() + "/" + key);
    if (existing.isPresent() && existing.get().data().equals(text)) {
      return;
    }
    Instant now = clock.instant();
    long id = nextEventId(tx, object, null, now);
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
    write(tx, item);
    published(tx, object, () -> json.itemEventToSend(object, item, existing.isEmpty()));
  }

  /** Removes the item, keeping a tombstone so that a reconnecting client hears of it. */
  void removeItem(Tx tx, SyncObjectRecord object, String key) {
    flush(tx);
    Optional<SyncItemRecord> existing =
        store.sync().findItem(tx, object.sid(), key).filter(item -> !item.removed());
    if (existing.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    long id = nextEventId(tx, object, null, now);
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
    published(tx, object, () -> json.itemEventToSend(object, tombstone, false));
  }

  /** Deletes the object; subscribers hear that it was removed, later openers get a 404. */
  void delete(Tx tx, SyncObjectRecord object) {
    flush(tx);
    store.sync().delete(tx, object.sid());
    here(tx).objects.remove(object.serviceSid() + "/" + object.uniqueName());
    tx.afterCommit(() -> known.remove(object));
    published(tx, json.objectRemoved(object, object.lastEventId() + 1));
  }

  /**
   * Broadcasts the change after commit, unless its object was created in this transaction: nobody
   * can be subscribed to it yet, and whoever subscribes later reads the committed state.
   */
  private void published(Tx tx, SyncObjectRecord object, Supplier<SyncEvent> event) {
    if (!here(tx).created.contains(object.sid())) {
      // Made from records (immutable) once committed, off the writer where the store allows.
      store.broadcasts().send(tx, Sync.CHANNEL, event);
    }
  }

  private void published(Tx tx, SyncEvent event) {
    store.broadcasts().send(tx, Sync.CHANNEL, () -> event);
  }
}
