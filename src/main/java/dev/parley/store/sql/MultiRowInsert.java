package dev.parley.store.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Inserts records as rows of a table whose columns are the records' components in snake case, many
 * rows to a statement: each statement costs the writer (and on PostgreSQL a round trip) about as
 * much as the rows it writes, so one per row would double the cost of a change that adds several.
 */
final class MultiRowInsert {
  /** Both engines take this many rows of a dozen columns in one statement with room to spare. */
  private static final int ROWS_PER_STATEMENT = 100;

  /** The statement text by table and row count: made once, as the writer runs the same few. */
  private static final Map<String, String> SQL = new ConcurrentHashMap<>();

  private MultiRowInsert() {}

  static void insert(Handle handle, String table, List<? extends Record> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<? extends Record> chunk =
          rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      Class<? extends Record> type = chunk.get(0).getClass();
      Update update =
          handle.createUpdate(
              SQL.computeIfAbsent(table + " " + chunk.size(), k -> sql(table, type, chunk.size())));
      int position = 0;
      for (Record row : chunk) {
        position = RecordArguments.bindInOrder(update, position, row);
      }
      update.execute();
    }
  }

  private static String sql(String table, Class<? extends Record> type, int rows) {
    List<String> names = RecordArguments.names(type);
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(snakeCase(names.get(i)));
    }
    String row = "(" + "?, ".repeat(names.size() - 1) + "?)";
    sql.append(") VALUES ").append(row);
    for (int i = 1; i < rows; i++) {
      sql.append(", ").append(row);
    }
    return sql.toString();
  }

  private static String snakeCase(String component) {
    return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }
}
