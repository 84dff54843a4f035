package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * A PostgreSQL writer connection's statements that answer nothing the caller reads (an INSERT of
 * rows, a savepoint), held back and sent with the next statement whose answer is needed: pgjdbc
 * sends the statements of one text joined by semicolons in one round trip (each parsed, bound and
 * executed in turn, one sync at the end), so a web chat's dozen statements cost a few round trips
 * instead of a dozen. The statements still run in the order they were written, inside the same
 * transaction, before the statement that reads: a read sees every write before it.
 *
 * <p>Invariant: the group commit ({@link PostgresGroupCommit}) sends what a job held back before
 * the job counts as done ({@link #flush}), so a held-back statement that fails, fails its own job;
 * and every statement on the connection that does not go through {@link DirectStatements} (JDBI's,
 * the commit's) sends the held-back ones first ({@link #flushFirst}). SQLite runs each statement at
 * once: it has no round trips to save.
 */
final class Pipeline {
  private static final String KEY = Pipeline.class.getName();

  /** How to bind one statement's parameters, from the given position; gives the next position. */
  interface Binder {
    int bind(PreparedStatement statement, int first) throws SQLException;

    Binder NONE = (statement, first) -> first;
  }

  /** A held statement; {@code rows} reads its answer when it has rows to give (or is null). */
  private record Held(String sql, Binder binder, DirectStatements.RowsReader<?> rows) {}

  private final List<Held> held = new ArrayList<>();
  private long sends;

  /** Gives {@code handle}'s statements a pipeline; JDBI's send what is held first. */
  static Pipeline on(Handle handle) {
    Pipeline pipeline = new Pipeline();
    handle.define(KEY, pipeline);
    return pipeline;
  }

  /** {@code handle}'s pipeline, or null where statements run at once. */
  static Pipeline of(Handle handle) {
    return (Pipeline) handle.getConfig(SqlStatements.class).getAttribute(KEY);
  }

  /** Has JDBI's statements on {@code jdbi}'s handles send a pipeline's held statements first. */
  static void flushFirst(org.jdbi.v3.core.Jdbi jdbi) {
    jdbi.getConfig(SqlStatements.class)
        .addCustomizer(
            new StatementCustomizer() {
              @Override
              public void beforeExecution(PreparedStatement statement, StatementContext ctx)
                  throws SQLException {
                if (ctx.getAttribute(KEY) instanceof Pipeline pipeline) {
                  pipeline.flush(ctx.getConnection());
                }
              }
            });
  }

  void hold(String sql, Binder binder) {
    held.add(new Held(sql, binder, null));
  }

  /** Holds {@code sql}, whose rows {@code rows} reads once it is sent (an INSERT … RETURNING). */
  void hold(String sql, Binder binder, DirectStatements.RowsReader<?> rows) {
    held.add(new Held(sql, binder, rows));
  }

  /** How many times this pipeline has sent statements (or tried to): a savepoint held is sent. */
  long sends() {
    return sends;
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  /** Forgets what is held: the job that wrote it is rolled back. */
  void clear() {
    held.clear();
  }

  /** Sends what is held, in one round trip. */
  void flush(Connection connection) throws SQLException {
    if (!held.isEmpty()) {
      send(connection, null, Binder.NONE, statement -> null);
    }
  }

  /** Runs the query {@code sql} after what is held, in one round trip; reads its rows. */
  <T> T query(
      Connection connection, String sql, Binder binder, DirectStatements.RowsReader<T> reader)
      throws SQLException {
    return send(
        connection,
        sql,
        binder,
        statement -> {
          try (ResultSet rows = statement.getResultSet()) {
            return reader.read(rows);
          }
        });
  }

  /** Runs the update {@code sql} after what is held, in one round trip; gives its row count. */
  int update(Connection connection, String sql, Binder binder) throws SQLException {
    return send(connection, sql, binder, PreparedStatement::getUpdateCount);
  }

  /** What to take from the statement once it stands at the last statement's answer. */
  private interface Answer<T> {
    T take(PreparedStatement statement) throws SQLException;
  }

  /** Runs what is held and then {@code sql} (when not null) as one text, in one round trip. */
  private <T> T send(Connection connection, String sql, Binder binder, Answer<T> answer)
      throws SQLException {
    StringBuilder text = new StringBuilder();
    for (Held h : held) {
      text.append(text.isEmpty() ? "" : ";\n").append(h.sql());
    }
    if (sql != null) {
      text.append(text.isEmpty() ? "" : ";\n").append(sql);
    }
    List<Held> sending = List.copyOf(held);
    held.clear();
    sends++;
    try (PreparedStatement statement = connection.prepareStatement(text.toString())) {
      int position = 1;
      for (Held h : sending) {
        position = h.binder().bind(statement, position);
      }
      binder.bind(statement, position);
      statement.execute();
      // Each held statement answers first, in order (its rows read where it has a reader), then
      // the last one.
      for (int i = 0; i < sending.size(); i++) {
        Held h = sending.get(i);
        if (h.rows() != null) {
          try (ResultSet rows = statement.getResultSet()) {
            h.rows().read(rows);
          }
        }
        if (sql != null || i + 1 < sending.size()) {
          statement.getMoreResults();
        }
      }
      return answer.take(statement);
    }
  }
}
