package dev.parley.store.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * INSERTs of records into tables whose columns are the records' components in snake case, straight
 * through JDBC on the handle's connection, many rows to a statement. These are the writes every web
 * chat and message makes: JDBI's per-statement set-up (context, argument factories, result
 * iteration) cost as much as SQLite's own work on them, and each statement costs the writer (on
 * PostgreSQL a round trip) about as much as the rows it carries.
 */
final class RecordInsert {
  /** Both engines take this many rows of a dozen columns in one statement with room to spare. */
  private static final int ROWS_PER_STATEMENT = 100;

  /** Statement texts by table, row count and generated column: made once, reused all day. */
  private static final Map<String, String> SQL = new ConcurrentHashMap<>();

  /** {@code index} is an SQL keyword: the messages table keeps a message's index as {@code idx}. */
  private static final Map<String, String> RENAMED = Map.of("index", "idx");

  private RecordInsert() {}

  /**
   * The rows one INSERT statement writes into {@code table}, all of one record class, without their
   * component {@code generated} (which it returns; or null); {@code first}: the one-row query of
   * one parameter, {@code firstArgument}, it runs first (or null), see {@link
   * #insertReturningAfter}.
   */
  record Rows(
      String table,
      List<? extends Record> rows,
      String generated,
      String first,
      String firstArgument) {
    Rows(String table, List<? extends Record> rows) {
      this(table, rows, null, null, null);
    }
  }

  /**
   * Inserts {@code rows}, all of one record class. Nothing is read back, so a PostgreSQL writer
   * sends the statement with the next one (see {@link Pipeline}), or as part of one INSERT of the
   * same rows of other jobs of its batch ({@link BatchedJobs}, {@link ArrayInsert}).
   */
  static void insert(Handle handle, String table, List<? extends Record> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<? extends Record> chunk =
          List.copyOf(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
      DirectStatements.holdInsert(
          handle,
          sql(table, chunk.get(0).getClass(), chunk.size(), null),
          binder(chunk),
          new Rows(table, chunk));
    }
  }

  private static Pipeline.Binder binder(List<? extends Record> rows) {
    return (statement, first) -> {
      int position = first;
      for (Record row : rows) {
        position = RecordArguments.bindInOrder(statement, position, row, null);
      }
      return position;
    };
  }

  /**
   * Inserts {@code row} without its component {@code generated} (the table numbers it) and returns
   * the number the table gave: at once, or on a PostgreSQL writer once the statement is sent (see
   * {@link DirectStatements#holdReturning}).
   */
  static LongSupplier insertReturning(Handle handle, String table, Record row, String generated) {
    String sql = sql(table, row.getClass(), 1, generated);
    return DirectStatements.holdReturning(
        handle,
        sql,
        (statement, first) -> RecordArguments.bindInOrder(statement, first, row, generated),
        new Rows(table, List.of(row), generated, null, null));
  }

  /**
   * As {@link #insertReturning}, in one statement after the one-row query {@code first} (its one
   * parameter {@code firstArgument}): the row is selected from that query's result, so the table
   * numbers the row only once the query has run (PostgreSQL's lock of a turn, see {@code
   * PostgresStore}), and the two cost one round trip.
   */
  static LongSupplier insertReturningAfter(
      Handle handle,
      String table,
      Record row,
      String generated,
      String first,
      String firstArgument) {
    String sql =
        SQL.computeIfAbsent(
            table + " " + generated + " after " + first,
            k -> newSqlAfter(table, row.getClass(), generated, first));
    return DirectStatements.holdReturning(
        handle,
        sql,
        (statement, position) -> {
          statement.setString(position, firstArgument);
          return RecordArguments.bindInOrder(statement, position + 1, row, generated);
        },
        new Rows(table, List.of(row), generated, first, firstArgument));
  }

  private static String sql(
      String table, Class<? extends Record> type, int rows, String generated) {
    return SQL.computeIfAbsent(
        table + " " + rows + " " + generated, k -> newSql(table, type, rows, generated));
  }

  private static String newSql(
      String table, Class<? extends Record> type, int rows, String generated) {
    List<String> names = columns(type, generated);
    StringBuilder sql = into(table, names);
    String row = "(" + "?, ".repeat(names.size() - 1) + "?)";
    sql.append(" VALUES ").append(row);
    for (int i = 1; i < rows; i++) {
      sql.append(", ").append(row);
    }
    if (generated != null) {
      sql.append(" RETURNING ").append(column(generated));
    }
    return sql.toString();
  }

  private static String newSqlAfter(
      String table, Class<? extends Record> type, String generated, String first) {
    List<String> names = columns(type, generated);
    return "WITH first AS ("
        + first
        + ") "
        + into(table, names)
        + " SELECT "
        + "?, ".repeat(names.size() - 1)
        + "? FROM first RETURNING "
        + column(generated);
  }

  static List<String> columns(Class<? extends Record> type, String generated) {
    return RecordArguments.names(type).stream().filter(n -> !n.equals(generated)).toList();
  }

  /** {@code INSERT INTO table (columns)}. */
  static StringBuilder into(String table, List<String> names) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(column(names.get(i)));
    }
    return sql.append(")");
  }

  static String column(String component) {
    return RENAMED.getOrDefault(
        component, component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
  }
}
