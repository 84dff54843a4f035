package dev.parley.store.sql;

import dev.parley.store.Cursor;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Keyset paging: a page starts after (or ends before) the cursor's key, so a deep page costs one
 * index seek like the first. Rows are ordered by {@code keyColumn} then {@code tieColumn}, both
 * ascending unless {@code descending}.
 */
final class Keyset<T> {
  private final String keyColumn;
  private final String tieColumn;
  private final boolean descending;

  /**
   * Orders by {@code keyColumn} then the unique {@code tieColumn}. Both must be integer columns of
   * the selected rows (a table prefix such as {@code c.seq} is allowed).
   */
  Keyset(String keyColumn, String tieColumn, boolean descending) {
    this.keyColumn = keyColumn;
    this.tieColumn = tieColumn;
    this.descending = descending;
  }

  /** A keyset on one unique integer column. */
  static <T> Keyset<T> on(String column, boolean descending) {
    return new Keyset<>(column, column, descending);
  }

  private record Keyed<T>(T row, long key, long tie) {}

  private static String label(String column) {
    return column.substring(column.indexOf('.') + 1);
  }

  /**
   * Reads one page. {@code select} is the query up to and including its WHERE conditions (it must
   * end in a condition, e.g. {@code "... WHERE service_sid = :service"}); binds go in {@code bind}.
   */
  Slice<T> page(
      Handle handle,
      String select,
      Consumer<Query> bind,
      RowMapper<T> mapper,
      PageRequest request) {
    Cursor cursor = request.cursor();
    boolean backward = cursor != null && cursor.backward();
    // Reading backward walks the index in the opposite direction, then restores the order.
    boolean walkDescending = descending != backward;
    String cmp = walkDescending ? "<" : ">";
    String dir = walkDescending ? "DESC" : "ASC";
    StringBuilder sql = new StringBuilder(select);
    if (cursor != null) {
      if (keyColumn.equals(tieColumn)) {
        sql.append(" AND ").append(keyColumn).append(' ').append(cmp).append(" :cursorKey");
      } else {
        sql.append(" AND (")
            .append(keyColumn)
            .append(' ')
            .append(cmp)
            .append(" :cursorKey OR (")
            .append(keyColumn)
            .append(" = :cursorKey AND ")
            .append(tieColumn)
            .append(' ')
            .append(cmp)
            .append(" :cursorTie))");
      }
    }
    sql.append(" ORDER BY ").append(keyColumn).append(' ').append(dir);
    if (!keyColumn.equals(tieColumn)) {
      sql.append(", ").append(tieColumn).append(' ').append(dir);
    }
    sql.append(" LIMIT :limit");
    Query query = handle.createQuery(sql.toString()).bind("limit", request.size() + 1);
    if (cursor != null) {
      query.bind("cursorKey", cursor.key()).bind("cursorTie", cursor.tie());
    }
    bind.accept(query);
    String keyLabel = label(keyColumn);
    String tieLabel = label(tieColumn);
    List<Keyed<T>> rows =
        new ArrayList<>(
            query
                .map(
                    (rs, ctx) ->
                        new Keyed<>(
                            mapper.map(rs, ctx), rs.getLong(keyLabel), rs.getLong(tieLabel)))
                .list());
    boolean more = rows.size() > request.size();
    if (more) {
      rows.remove(rows.size() - 1);
    }
    if (backward) {
      Collections.reverse(rows);
    }
    if (rows.isEmpty()) {
      return new Slice<>(List.of(), null, null);
    }
    Keyed<T> first = rows.get(0);
    Keyed<T> last = rows.get(rows.size() - 1);
    boolean hasNext = backward || more;
    boolean hasPrevious = backward ? more : cursor != null;
    Cursor next = hasNext ? new Cursor(false, last.key(), last.tie()) : null;
    Cursor previous = hasPrevious ? new Cursor(true, first.key(), first.tie()) : null;
    return new Slice<>(rows.stream().map(Keyed::row).toList(), next, previous);
  }
}
