package dev.parley.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The Sync objects and items that the realtime SDK reads, and their change counters. */
public interface SyncStore {
  /** The object of {@code serviceSid} whose SID or unique name is {@code id}. */
  Optional<SyncObjectRecord> find(Tx tx, String serviceSid, String id);

  /** Inserts new objects. */
  void insertAll(Tx tx, List<SyncObjectRecord> objects);

  /** Inserts items under keys their objects do not hold (objects made in this transaction). */
  void insertItems(Tx tx, List<SyncItemRecord> items);

  /**
   * Takes the object's next event id, and replaces its data when {@code data} is not null (a
   * document's change). Returns the id taken.
   */
  long nextEventId(Tx tx, String objectSid, String data, Instant now);

  /**
   * {@link #nextEventId} of two objects in one statement: {@code objectSid}'s data is left, {@code
   * documentSid}'s replaced by {@code documentData} (a new message: its list and its conversation's
   * document). Returns the two ids taken, in that order.
   */
  long[] nextEventIds(
      Tx tx, String objectSid, String documentSid, String documentData, Instant now);

  /**
   * Adds {@code item} (under a key its list never had: a new message's index) with the list's next
   * event id, and {@link #nextEventIds} of the list and of {@code documentSid}, whose data becomes
   * {@code documentData}, in one round trip. The item's own event ids are ignored: it takes the
   * list's. Gives the two ids taken (list, document): known once the statements are sent (on a
   * PostgreSQL writer with its batch's next statement sent, or when asked for, which sends them).
   */
  Supplier<long[]> addItemAndNextEventIds(
      Tx tx, SyncItemRecord item, String documentSid, String documentData, Instant now);

  /** Deletes the object and its items. */
  void delete(Tx tx, String objectSid);

  /** The item, a tombstone included. */
  Optional<SyncItemRecord> findItem(Tx tx, String objectSid, String itemKey);

  /** Adds the item, or replaces the one with the same key (a tombstone included). */
  void putItem(Tx tx, SyncItemRecord item);

  /**
   * Up to {@code limit} live items of the object in key order (a list's by index), from {@code
   * from} on, inclusive (all when null), ascending or descending.
   */
  List<SyncItemRecord> items(
      Tx tx, String objectSid, boolean list, String from, boolean descending, int limit);

  /** Whether the object has a live item before {@code from} in that order. */
  boolean hasItemBefore(Tx tx, String objectSid, boolean list, String from, boolean descending);

  /**
   * Up to {@code limit} items (tombstones included) changed after event {@code afterEventId}, in
   * the order of their last change.
   */
  List<SyncItemRecord> changedSince(Tx tx, String objectSid, long afterEventId, int limit);
}
