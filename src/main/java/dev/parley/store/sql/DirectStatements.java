package dev.parley.store.sql;

import dev.parley.store.sql.Pipeline.Binder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The statements every web chat and message runs (its rows, its conversation's index, its author's
 * participant, its Sync list's and document's event ids), straight through JDBC on the handle's
 * connection: JDBI's per-statement set-up (context, argument binding, result iteration) costs the
 * single SQLite writer as much as SQLite's own work on a one-row statement. On a PostgreSQL writer
 * a statement whose answer nobody reads is held back and sent with the next one ({@link Pipeline}).
 * Positional parameters; each value a String, a long (boxed), an instant or null.
 */
final class DirectStatements {
  private DirectStatements() {}

  /** How to read a statement's rows. */
  interface RowsReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** How to read the current row of a result. */
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /**
   * Runs {@code sql}, whose answer the caller does not read: on a PostgreSQL writer it is sent with
   * the next statement (see {@link Pipeline}), elsewhere now.
   */
  static void hold(Handle handle, String sql, Binder binder) {
    Pipeline pipeline = Pipeline.of(handle);
    if (pipeline != null) {
      pipeline.hold(sql, binder);
      return;
    }
    update(handle, sql, binder);
  }

  /**
   * Runs the INSERT {@code sql} of {@code rows}, as {@link #hold}; a PostgreSQL writer may send it
   * as part of one INSERT of the same rows of other jobs of its batch ({@link BatchedJobs}).
   */
  static void holdInsert(Handle handle, String sql, Binder binder, RecordInsert.Rows rows) {
    Pipeline pipeline = Pipeline.of(handle);
    if (pipeline != null) {
      pipeline.holdInsert(sql, binder, rows);
      return;
    }
    update(handle, sql, binder);
  }

  /**
   * Runs {@code sql}, which returns one number (an INSERT … RETURNING), and gives that number: on a
   * PostgreSQL writer the statement is held and the number known once it is sent, with the next
   * statement or when first asked for ({@link HeldAnswer}); elsewhere now.
   */
  static LongSupplier holdReturning(Handle handle, String sql, Binder binder) {
    return holdReturning(handle, sql, binder, null);
  }

  /**
   * As {@link #holdReturning(Handle, String, Binder)}, for the INSERT of {@code rows} (one row),
   * which a PostgreSQL writer may send as part of one INSERT of the same rows of other jobs of its
   * batch ({@link BatchedJobs}).
   */
  static LongSupplier holdReturning(
      Handle handle, String sql, Binder binder, RecordInsert.Rows rows) {
    Pipeline pipeline = Pipeline.of(handle);
    if (pipeline == null) {
      long number = query(handle, sql, binder, answer -> one(answer, sql));
      return () -> number;
    }
    HeldAnswer<Long> number = new HeldAnswer<>(pipeline, handle, sql, answer -> one(answer, sql));
    Pipeline.Held held = new Pipeline.Held(sql, binder, number::read, rows);
    pipeline.hold(held);
    boolean numbersOneRow = rows != null && rows.generated() != null && rows.rows().size() == 1;
    return numbersOneRow ? new HeldNumber(pipeline, number, held) : number::get;
  }

  /**
   * The number a held one-row INSERT … RETURNING gives ({@link RecordInsert#insertReturning}: an
   * event's seq), whose statement, while it is held, may also write rows that take the number
   * ({@link #join}: the event's webhook deliveries): the job then need not ask for it, so it sends
   * nothing while it runs, and the statement may join the same one of other jobs of its batch
   * ({@link BatchedJobs}, {@link ArrayInsert}).
   */
  static final class HeldNumber implements LongSupplier {
    private final Pipeline pipeline;
    private final HeldAnswer<Long> answer;
    private Pipeline.Held held;

    private HeldNumber(Pipeline pipeline, HeldAnswer<Long> answer, Pipeline.Held held) {
      this.pipeline = pipeline;
      this.answer = answer;
      this.held = held;
    }

    @Override
    public long getAsLong() {
      return answer.get();
    }

    /**
     * Has the held statement also insert {@code row} into {@code table}, its component {@code
     * number} this number and {@code generated} left to its table (see {@link
     * RecordInsert.Dependents}); false when the statement is no longer held (the number is known,
     * or sent for) or holds rows of another kind: the caller inserts the row itself.
     */
    boolean join(String table, String generated, String number, Record row) {
      if (answer.known) {
        return false;
      }
      RecordInsert.Rows joined = held.insert().joining(table, generated, number, row);
      if (joined == null) {
        return false;
      }
      Pipeline.Held replaced =
          new Pipeline.Held(
              RecordInsert.returningSql(joined),
              RecordInsert.returningBinder(joined),
              held.rows(),
              joined);
      if (!pipeline.replace(held, replaced)) {
        return false;
      }
      held = replaced;
      return true;
    }
  }

  /**
   * Runs the query {@code sql} and gives what {@code reader} reads of its rows: on a PostgreSQL
   * writer the statement is held, and its answer known once it is sent, with the next statement or
   * when first asked for; elsewhere now.
   */
  static <T> Supplier<T> holdQuery(Handle handle, String sql, Binder binder, RowsReader<T> reader) {
    Pipeline pipeline = Pipeline.of(handle);
    if (pipeline == null) {
      T answer = query(handle, sql, binder, reader);
      return () -> answer;
    }
    HeldAnswer<T> answer = new HeldAnswer<>(pipeline, handle, sql, reader);
    pipeline.hold(sql, binder, answer::read);
    return answer;
  }

  /**
   * What a held query answers: asking for it before it is sent sends it. Read from its own rows, or
   * set by the statement that merged it with the same statement of other jobs ({@link
   * Pipeline.Merge}).
   */
  static final class HeldAnswer<T> implements Supplier<T> {
    private final Pipeline pipeline;
    private final Handle handle;
    private final String sql;
    private final RowsReader<T> reader;
    private boolean known;
    private T value;

    HeldAnswer(Pipeline pipeline, Handle handle, String sql, RowsReader<T> reader) {
      this.pipeline = pipeline;
      this.handle = handle;
      this.sql = sql;
      this.reader = reader;
    }

    Void read(ResultSet rows) throws SQLException {
      set(reader.read(rows));
      return null;
    }

    void set(T answer) {
      value = answer;
      known = true;
    }

    @Override
    public T get() {
      if (!known) {
        try {
          pipeline.flush(handle.getConnection());
        } catch (SQLException e) {
          throw new IllegalStateException("could not run " + head(sql) + "…", e);
        }
      }
      if (!known) {
        throw new IllegalStateException("not sent: " + head(sql) + "…");
      }
      return value;
    }
  }

  private static long one(ResultSet rows, String sql) throws SQLException {
    if (!rows.next()) {
      throw new SQLException("no number from " + head(sql));
    }
    return rows.getLong(1);
  }

  /** Runs the update {@code sql} now (with what is held) and gives its row count. */
  static int update(Handle handle, String sql, Binder binder) {
    return run(
        handle,
        sql,
        binder,
        (pipeline, connection) -> pipeline.update(connection, sql, binder),
        PreparedStatement::executeUpdate);
  }

  /** Runs the query {@code sql} now (with what is held) and reads its rows. */
  static <T> T query(Handle handle, String sql, Binder binder, RowsReader<T> reader) {
    return run(
        handle,
        sql,
        binder,
        (pipeline, connection) -> pipeline.query(connection, sql, binder, reader),
        statement -> {
          try (ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
          }
        });
  }

  /** The first row of {@code sql}'s result, read by {@code reader}; empty when it gives none. */
  static <T> Optional<T> first(Handle handle, String sql, RowReader<T> reader, Object... values) {
    return query(
        handle,
        sql,
        values(values),
        rows -> rows.next() ? Optional.ofNullable(reader.read(rows)) : Optional.empty());
  }

  /** The one number {@code sql} returns (an UPDATE … RETURNING of one row). */
  static long number(Handle handle, String sql, Object... values) {
    return first(handle, sql, row -> row.getLong(1), values)
        .orElseThrow(() -> new IllegalStateException("no row for " + head(sql)));
  }

  /** Binds {@code values} in order. */
  static Binder values(Object... values) {
    return (statement, first) -> {
      for (int i = 0; i < values.length; i++) {
        bind(statement, first + i, values[i]);
      }
      return first + values.length;
    };
  }

  private static void bind(PreparedStatement statement, int position, Object value)
      throws SQLException {
    if (value instanceof java.time.Instant instant) {
      statement.setLong(position, instant.toEpochMilli());
    } else if (value instanceof Long number) {
      statement.setLong(position, number);
    } else if (value == null || value instanceof String) {
      statement.setString(position, (String) value);
    } else {
      throw new IllegalArgumentException("no direct binding for " + value.getClass());
    }
  }

  /** The statement sent with what a pipeline holds. */
  private interface Piped<T> {
    T run(Pipeline pipeline, java.sql.Connection connection) throws SQLException;
  }

  /** The bound statement run on its own. */
  private interface Alone<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /**
   * Runs {@code sql}: after what the handle's pipeline holds, in one round trip; else on the SQLite
   * writer's cached statement (see {@link CachingStatementBuilder}), or on one prepared for this
   * use (pgjdbc keeps its own server-side statements per connection).
   */
  private static <T> T run(
      Handle handle, String sql, Binder binder, Piped<T> piped, Alone<T> alone) {
    var connection = handle.getConnection();
    try {
      Pipeline pipeline = Pipeline.of(handle);
      if (pipeline != null && !pipeline.isEmpty()) {
        return piped.run(pipeline, connection);
      }
      if (pipeline != null) {
        pipeline.sendingAlone(connection);
      }
      if (handle.getStatementBuilder() instanceof CachingStatementBuilder cache) {
        PreparedStatement statement = cache.create(connection, sql, null);
        try {
          binder.bind(statement, 1);
          return alone.run(statement);
        } finally {
          cache.close(connection, sql, statement);
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        binder.bind(statement, 1);
        return alone.run(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + head(sql) + "…", e);
    }
  }

  private static String head(String sql) {
    return sql.substring(0, Math.min(40, sql.length()));
  }
}
