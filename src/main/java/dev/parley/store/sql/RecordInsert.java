package dev.parley.store.sql;

import java.util.ArrayList;
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
   * #insertReturningAfter}; {@code dependents}: rows of another table the same statement writes,
   * which take the number it returns (or null), see {@link DirectStatements.HeldNumber#join}.
   */
  record Rows(
      String table,
      List<? extends Record> rows,
      String generated,
      String first,
      String firstArgument,
      Dependents dependents) {
    Rows(String table, List<? extends Record> rows) {
      this(table, rows, null, null, null, null);
    }

    Rows(
        String table,
        List<? extends Record> rows,
        String generated,
        String first,
        String firstArgument) {
      this(table, rows, generated, first, firstArgument, null);
    }

    /**
     * These rows with {@code row} of {@code table} written by the same statement, its component
     * {@code number} the number this statement returns and {@code generated} its table's; null when
     * it holds dependents of another kind.
     */
    Rows joining(String table, String generated, String number, Record row) {
      List<Record> joined = new ArrayList<>();
      if (dependents != null) {
        if (!dependents.sameKind(table, generated, number, row)) {
          return null;
        }
        joined.addAll(dependents.rows());
      }
      joined.add(row);
      return new Rows(
          this.table,
          rows,
          this.generated,
          first,
          firstArgument,
          new Dependents(table, generated, number, List.copyOf(joined)));
    }
  }

  /**
   * Rows of {@code table} (one record class) that a returning INSERT writes with its own row, in
   * the same statement (data-modifying {@code WITH} queries): their component {@code number} is the
   * number the INSERT returns (a webhook delivery's {@code eventSeq}: its event's seq), their
   * component {@code generated} the one their table numbers. So the number need not be read back
   * before they are written: the statement stays held ({@link Pipeline}) and may join the same
   * statement of other jobs ({@link ArrayInsert}).
   */
  record Dependents(String table, String generated, String number, List<Record> rows) {
    boolean sameKind(String table, String generated, String number, Record row) {
      return this.table.equals(table)
          && this.generated.equals(generated)
          && this.number.equals(number)
          && rows.get(0).getClass() == row.getClass();
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
    Rows rows = new Rows(table, List.of(row), generated, null, null);
    return DirectStatements.holdReturning(handle, returningSql(rows), returningBinder(rows), rows);
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
    Rows rows = new Rows(table, List.of(row), generated, first, firstArgument);
    return DirectStatements.holdReturning(handle, returningSql(rows), returningBinder(rows), rows);
  }

  /** The statement of {@code rows}, one row that returns its generated number (and dependents). */
  static String returningSql(Rows rows) {
    Dependents dependents = rows.dependents();
    String key =
        rows.table()
            + " "
            + rows.generated()
            + " after "
            + rows.first()
            + (dependents == null
                ? ""
                : " with " + dependents.rows().size() + " " + dependents.table());
    return SQL.computeIfAbsent(key, k -> newReturningSql(rows));
  }

  /** How to bind {@code rows}' statement ({@link #returningSql}). */
  static Pipeline.Binder returningBinder(Rows rows) {
    Record row = rows.rows().get(0);
    String generated = rows.generated();
    String first = rows.first();
    String firstArgument = rows.firstArgument();
    Dependents dependents = rows.dependents();
    return (statement, position) -> {
      int next = position;
      if (first != null) {
        statement.setString(next++, firstArgument);
      }
      next = RecordArguments.bindInOrder(statement, next, row, generated);
      if (dependents != null) {
        for (Record dependent : dependents.rows()) {
          next =
              RecordArguments.bindInOrder(
                  statement, next, dependent, dependents.generated(), dependents.number());
        }
      }
      return next;
    };
  }

  private static String newReturningSql(Rows rows) {
    Class<? extends Record> type = rows.rows().get(0).getClass();
    String generated = rows.generated();
    List<String> names = columns(type, generated);
    String parameters = "?, ".repeat(names.size() - 1) + "?";
    StringBuilder insert = into(rows.table(), names);
    if (rows.first() != null) {
      insert.append(" SELECT ").append(parameters).append(" FROM first");
    } else {
      insert.append(" VALUES (").append(parameters).append(")");
    }
    insert.append(" RETURNING ").append(column(generated));
    String prefix = rows.first() == null ? "" : "WITH first AS (" + rows.first() + ") ";
    Dependents dependents = rows.dependents();
    if (dependents == null) {
      return prefix + insert;
    }
    return DependentRows.afterOne(rows.first(), insert.toString(), column(generated), dependents);
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
