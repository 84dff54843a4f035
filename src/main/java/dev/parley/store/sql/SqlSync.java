package dev.parley.store.sql;

import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.SyncStore;
import dev.parley.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

final class SqlSync implements SyncStore {
  private static final RowMapper<SyncObjectRecord> OBJECT = RecordMapper.of(SyncObjectRecord.class);
  private static final RowMapper<SyncItemRecord> ITEM = RecordMapper.of(SyncItemRecord.class);

  static final String ITEM_REPLACED =
      " ON CONFLICT (object_sid, item_key) DO UPDATE SET"
          + " data = excluded.data, created_event_id = excluded.created_event_id,"
          + " last_event_id = excluded.last_event_id, removed = excluded.removed,"
          + " date_created = excluded.date_created, date_updated = excluded.date_updated";

  /** See {@link #SqlSync(String)}. */
  private final String addItem;

  SqlSync() {
    this("");
  }

  /**
   * {@code rowLock} ends the read of the list's last event id by a new item, which comes before the
   * statement that takes the id (so that both go in one round trip): on PostgreSQL {@code FOR
   * UPDATE}, so that no other transaction moves the id between the two; the embedded store's single
   * writer needs none.
   */
  SqlSync(String rowLock) {
    // WHERE true: SQLite reads ON CONFLICT after a bare SELECT as part of a join.
    addItem =
        "INSERT INTO sync_items (object_sid, item_key, item_index, data, created_event_id,"
            + " last_event_id, removed, date_created, date_updated)"
            + " SELECT ?, ?, CAST(? AS BIGINT), ?, o.last_event_id + 1, o.last_event_id + 1,"
            + " FALSE, ?, ? FROM (SELECT last_event_id FROM sync_objects WHERE sid = ?"
            + rowLock
            + ") AS o WHERE true"
            + ITEM_REPLACED;
  }

  @Override
  public Optional<SyncObjectRecord> find(Tx tx, String serviceSid, String id) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM sync_objects WHERE service_sid = :service"
                + " AND (sid = :id OR unique_name = :id)")
        .bind("service", serviceSid)
        .bind("id", id)
        .map(OBJECT)
        .findOne();
  }

  @Override
  public void insertAll(Tx tx, List<SyncObjectRecord> objects) {
    RecordInsert.insert(SqlTx.of(tx), "sync_objects", objects);
  }

  /**
   * The columns in {@link SyncItemRecord}'s order, as {@link RecordArguments#bindInOrder} binds.
   */
  private static final String PUT_ITEM =
      "INSERT INTO sync_items (object_sid, item_key, item_index, data, created_event_id,"
          + " last_event_id, removed, date_created, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + ITEM_REPLACED;

  @Override
  public void insertItems(Tx tx, List<SyncItemRecord> items) {
    RecordInsert.insert(SqlTx.of(tx), "sync_items", items);
  }

  @Override
  public long nextEventId(Tx tx, String objectSid, String data, Instant now) {
    return DirectStatements.number(
        SqlTx.of(tx),
        "UPDATE sync_objects SET last_event_id = last_event_id + 1,"
            + " data = COALESCE(?, data), date_updated = ? WHERE sid = ? RETURNING last_event_id",
        data,
        now,
        objectSid);
  }

  @Override
  public long[] nextEventIds(
      Tx tx, String objectSid, String documentSid, String documentData, Instant now) {
    return DirectStatements.query(
        SqlTx.of(tx),
        NEXT_EVENT_IDS,
        DirectStatements.values(documentSid, documentData, now, objectSid, documentSid),
        rows -> eventIds(rows, objectSid, documentSid));
  }

  private static final String NEXT_EVENT_IDS =
      "UPDATE sync_objects SET last_event_id = last_event_id + 1,"
          + " data = CASE WHEN sid = ? THEN ? ELSE data END, date_updated = ?"
          + " WHERE sid IN (?, ?) RETURNING sid, last_event_id";

  private static long[] eventIds(ResultSet rows, String objectSid, String documentSid)
      throws SQLException {
    long[] ids = {-1, -1};
    while (rows.next()) {
      ids[rows.getString(1).equals(objectSid) ? 0 : 1] = rows.getLong(2);
    }
    if (ids[0] < 0 || ids[1] < 0) {
      throw new SQLException("no Sync object " + (ids[0] < 0 ? objectSid : documentSid));
    }
    return ids;
  }

  @Override
  public Supplier<long[]> addItemAndNextEventIds(
      Tx tx, SyncItemRecord item, String documentSid, String documentData, Instant now) {
    // The item is held and goes with the statement that takes the ids, before it: it reads the
    // list's id under the row lock and adds one, as that statement does.
    String objectSid = item.objectSid();
    Pipeline.Binder itemBinder =
        DirectStatements.values(
            item.objectSid(),
            item.itemKey(),
            item.itemIndex(),
            item.data(),
            item.dateCreated(),
            item.dateUpdated(),
            item.objectSid());
    Pipeline.Binder idsBinder =
        DirectStatements.values(documentSid, documentData, now, objectSid, documentSid);
    DirectStatements.RowsReader<long[]> reader = rows -> eventIds(rows, objectSid, documentSid);
    Pipeline pipeline = Pipeline.of(SqlTx.of(tx));
    if (pipeline == null) {
      DirectStatements.hold(SqlTx.of(tx), addItem, itemBinder);
      long[] ids = DirectStatements.query(SqlTx.of(tx), NEXT_EVENT_IDS, idsBinder, reader);
      return () -> ids;
    }
    // Held too: the ids are read once the batch sends it, so a post sends nothing while it runs;
    // the same two statements of a batch's other posts may join them (SyncAdditions).
    return SyncAdditions.hold(
        SqlTx.of(tx),
        pipeline,
        addItem,
        itemBinder,
        NEXT_EVENT_IDS,
        idsBinder,
        reader,
        item,
        documentSid,
        documentData,
        now);
  }

  @Override
  public void delete(Tx tx, String objectSid) {
    var handle = SqlTx.of(tx);
    handle
        .createUpdate("DELETE FROM sync_items WHERE object_sid = :sid")
        .bind("sid", objectSid)
        .execute();
    handle
        .createUpdate("DELETE FROM sync_objects WHERE sid = :sid")
        .bind("sid", objectSid)
        .execute();
  }

  @Override
  public Optional<SyncItemRecord> findItem(Tx tx, String objectSid, String itemKey) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM sync_items WHERE object_sid = :sid AND item_key = :key")
        .bind("sid", objectSid)
        .bind("key", itemKey)
        .map(ITEM)
        .findOne();
  }

  @Override
  public void putItem(Tx tx, SyncItemRecord item) {
    // Straight through JDBC (see DirectStatements): every message puts one item.
    DirectStatements.hold(
        SqlTx.of(tx),
        PUT_ITEM,
        (statement, first) -> RecordArguments.bindInOrder(statement, first, item, null));
  }

  @Override
  public List<SyncItemRecord> items(
      Tx tx, String objectSid, boolean list, String from, boolean descending, int limit) {
    String column = list ? "item_index" : "item_key";
    String where = from == null ? "" : " AND " + column + (descending ? " <= " : " >= ") + ":from";
    if (list && from == null) {
      // Lets both engines use the partial index sync_items_list for a first page (docs/queries.md):
      // without a condition on item_index they scan and sort every item of the object.
      where = " AND item_index IS NOT NULL";
    }
    var query =
        SqlTx.of(tx)
            .createQuery(
                "SELECT * FROM sync_items WHERE object_sid = :sid AND removed = :removed"
                    + where
                    + " ORDER BY "
                    + column
                    + (descending ? " DESC" : " ASC")
                    + " LIMIT :limit")
            .bind("sid", objectSid)
            .bind("removed", false)
            .bind("limit", limit);
    bindFrom(query, list, from);
    return query.map(ITEM).list();
  }

  @Override
  public boolean hasItemBefore(
      Tx tx, String objectSid, boolean list, String from, boolean descending) {
    String column = list ? "item_index" : "item_key";
    var query =
        SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM (SELECT 1 FROM sync_items WHERE object_sid = :sid"
                    + " AND removed = :removed AND "
                    + column
                    + (descending ? " > " : " < ")
                    + ":from LIMIT 1) AS earlier")
            .bind("sid", objectSid)
            .bind("removed", false);
    bindFrom(query, list, from);
    return query.mapTo(Long.class).one() > 0;
  }

  private static void bindFrom(Query query, boolean list, String from) {
    if (from == null) {
      return;
    }
    if (list) {
      query.bind("from", Long.parseLong(from));
    } else {
      query.bind("from", from);
    }
  }

  @Override
  public List<SyncItemRecord> changedSince(Tx tx, String objectSid, long afterEventId, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM sync_items WHERE object_sid = :sid AND last_event_id > :after"
                + " ORDER BY last_event_id LIMIT :limit")
        .bind("sid", objectSid)
        .bind("after", afterEventId)
        .bind("limit", limit)
        .map(ITEM)
        .list();
  }
}
