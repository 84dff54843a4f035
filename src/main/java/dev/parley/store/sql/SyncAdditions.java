package dev.parley.store.sql;

import dev.parley.store.SyncItemRecord;
import dev.parley.store.sql.Pipeline.Held;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A message's Sync list item and the statement that takes its list's and document's event ids
 * ({@link SqlSync#addItemAndNextEventIds}), held on a PostgreSQL writer; where a batch's posts go
 * together ({@link BatchedJobs}), the items of posts to different conversations become one upsert
 * and their ids one {@code UPDATE}: two statements for the batch's round, not two per post.
 *
 * <p>The invariants: the merged upsert locks every list and document of its posts {@code ORDER BY
 * sid FOR UPDATE} before it reads a list's last event id (a fixed order, so two nodes' batches
 * never wait for each other in a circle; the one-post statements lock the list, then both in the
 * plan's order, under their conversation's row lock, taken first), and the merged {@code UPDATE}
 * touches only rows so locked; they merge only where no two posts share a list or a document (a
 * round's posts are to conversations of their own, and each conversation has its own objects), so
 * each row is read and moved once, as by the post's own statements.
 */
final class SyncAdditions {
  private SyncAdditions() {}

  /** One post's item and the document whose data it rewrites; {@code ids} its answer. */
  private record Addition(
      SyncItemRecord item,
      String documentSid,
      String documentData,
      Instant now,
      DirectStatements.HeldAnswer<long[]> ids) {}

  /**
   * The lock is taken by an aggregate, which reads every row it locks before the first item is
   * written (a join could stop reading early and leave a document to the {@code UPDATE}'s own plan
   * order), and gives each list's last event id as it stands once locked.
   */
  private static final String ITEMS =
      "WITH o AS MATERIALIZED (SELECT array_agg(l.sid) AS sids, array_agg(l.last_event_id) AS ids"
          + " FROM (SELECT sid, last_event_id FROM sync_objects WHERE sid = ANY(CAST(? AS text[]))"
          + " ORDER BY sid FOR UPDATE) AS l)"
          + " INSERT INTO sync_items (object_sid, item_key, item_index, data, created_event_id,"
          + " last_event_id, removed, date_created, date_updated)"
          + " SELECT i.object_sid, i.item_key, i.item_index, i.data,"
          + " o.ids[array_position(o.sids, i.object_sid)] + 1,"
          + " o.ids[array_position(o.sids, i.object_sid)] + 1, FALSE, i.date_created, i.date_updated"
          + " FROM o, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),"
          + " CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]))"
          + " AS i(object_sid, item_key, item_index, data, date_created, date_updated)"
          + " WHERE array_position(o.sids, i.object_sid) IS NOT NULL"
          + SqlSync.ITEM_REPLACED;

  private static final String IDS =
      "UPDATE sync_objects AS o SET last_event_id = o.last_event_id + 1,"
          + " data = CASE WHEN s.document THEN s.data ELSE o.data END,"
          + " date_updated = s.date_updated"
          + " FROM unnest(CAST(? AS text[]), CAST(? AS boolean[]), CAST(? AS text[]),"
          + " CAST(? AS bigint[])) AS s(sid, document, data, date_updated)"
          + " WHERE o.sid = s.sid RETURNING o.sid, o.last_event_id";

  /**
   * Holds {@code item}'s upsert ({@code addItem}, bound by {@code itemBinder}) and the statement
   * that takes its list's and {@code documentSid}'s ids ({@code nextIds}, {@code idsBinder}, read
   * by {@code reader}) on {@code pipeline}; gives the ids, known once the statement is sent.
   */
  static Supplier<long[]> hold(
      Handle handle,
      Pipeline pipeline,
      String addItem,
      Pipeline.Binder itemBinder,
      String nextIds,
      Pipeline.Binder idsBinder,
      DirectStatements.RowsReader<long[]> reader,
      SyncItemRecord item,
      String documentSid,
      String documentData,
      Instant now) {
    var ids = new DirectStatements.HeldAnswer<>(pipeline, handle, nextIds, reader);
    Addition addition = new Addition(item, documentSid, documentData, now, ids);
    pipeline.hold(new Held(addItem, itemBinder, null, null, new Merged(addition, true)));
    pipeline.hold(new Held(nextIds, idsBinder, ids::read, null, new Merged(addition, false)));
    return ids;
  }

  /** The posts of {@code same}, or null when two share a list or a document. */
  private static List<Addition> additions(List<Held> same) {
    Set<String> objects = new HashSet<>();
    List<Addition> additions = new ArrayList<>(same.size());
    for (Held held : same) {
      if (!(held.merge() instanceof Merged merged)) {
        return null;
      }
      Addition a = merged.addition();
      if (!objects.add(a.item().objectSid()) || !objects.add(a.documentSid())) {
        return null;
      }
      additions.add(a);
    }
    return additions;
  }

  /** A held statement's {@link Pipeline.Merge}, which knows its post. */
  private record Merged(Addition addition, boolean upsert) implements Pipeline.Merge {
    @Override
    public Held of(List<Held> same) {
      List<Addition> additions = additions(same);
      if (additions == null) {
        return null;
      }
      return upsert ? items(additions) : ids(additions);
    }
  }

  private static Held items(List<Addition> additions) {
    int n = additions.size();
    String[] objects = new String[n];
    String[] keys = new String[n];
    Long[] indexes = new Long[n];
    String[] data = new String[n];
    Long[] created = new Long[n];
    Long[] updated = new Long[n];
    String[] locked = new String[2 * n];
    for (int i = 0; i < n; i++) {
      Addition a = additions.get(i);
      SyncItemRecord item = a.item();
      objects[i] = item.objectSid();
      keys[i] = item.itemKey();
      indexes[i] = item.itemIndex();
      data[i] = item.data();
      created[i] = item.dateCreated().toEpochMilli();
      updated[i] = item.dateUpdated().toEpochMilli();
      locked[2 * i] = item.objectSid();
      locked[2 * i + 1] = a.documentSid();
    }
    return new Held(
        ITEMS,
        (statement, position) -> {
          Connection c = statement.getConnection();
          statement.setArray(position, c.createArrayOf("text", locked));
          statement.setArray(position + 1, c.createArrayOf("text", objects));
          statement.setArray(position + 2, c.createArrayOf("text", keys));
          statement.setArray(position + 3, c.createArrayOf("int8", indexes));
          statement.setArray(position + 4, c.createArrayOf("text", data));
          statement.setArray(position + 5, c.createArrayOf("int8", created));
          statement.setArray(position + 6, c.createArrayOf("int8", updated));
          return position + 7;
        },
        null,
        null);
  }

  private static Held ids(List<Addition> additions) {
    int n = additions.size();
    String[] sids = new String[2 * n];
    Boolean[] documents = new Boolean[2 * n];
    String[] data = new String[2 * n];
    Long[] updated = new Long[2 * n];
    for (int i = 0; i < n; i++) {
      Addition a = additions.get(i);
      long now = a.now().toEpochMilli();
      sids[2 * i] = a.item().objectSid();
      documents[2 * i] = false;
      updated[2 * i] = now;
      sids[2 * i + 1] = a.documentSid();
      documents[2 * i + 1] = true;
      data[2 * i + 1] = a.documentData();
      updated[2 * i + 1] = now;
    }
    return new Held(
        IDS,
        (statement, position) -> {
          Connection c = statement.getConnection();
          statement.setArray(position, c.createArrayOf("text", sids));
          statement.setArray(position + 1, c.createArrayOf("bool", documents));
          statement.setArray(position + 2, c.createArrayOf("text", data));
          statement.setArray(position + 3, c.createArrayOf("int8", updated));
          return position + 4;
        },
        rows -> answer(rows, additions),
        null);
  }

  /** Gives each post its list's and document's ids from the merged statement's rows. */
  private static Void answer(ResultSet rows, List<Addition> additions) throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    while (rows.next()) {
      ids.put(rows.getString(1), rows.getLong(2));
    }
    for (Addition a : additions) {
      Long list = ids.get(a.item().objectSid());
      Long document = ids.get(a.documentSid());
      if (list == null || document == null) {
        throw new SQLException(
            "no Sync object " + (list == null ? a.item().objectSid() : a.documentSid()));
      }
      a.ids().set(new long[] {list, document});
    }
    return null;
  }
}
