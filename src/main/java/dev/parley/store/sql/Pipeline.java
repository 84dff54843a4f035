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
 * the job counts as done, so a held-back statement that fails, fails its own job: at the job's end
 * ({@link #flush}), or, for a job that sent nothing while it ran, with the other such jobs of its
 * batch ({@link #take}, {@link BatchedJobs}), which go one by one again when their statement fails;
 * and every statement on the connection that does not go through {@link DirectStatements} (JDBI's,
 * the commit's) sends the held-back ones first ({@link #flushFirst}), after those of the jobs
 * before ({@link #beforeSending}). SQLite runs each statement at once: it has no round trips to
 * save.
 */
final class Pipeline {
  private static final String KEY = Pipeline.class.getName();

  /** How to bind one statement's parameters, from the given position; gives the next position. */
  interface Binder {
    int bind(PreparedStatement statement, int first) throws SQLException;

    Binder NONE = (statement, first) -> first;
  }

  /**
   * A held statement; {@code rows} reads its answer when it has rows to give (or is null); {@code
   * insert}: the rows of a plain INSERT, which the same INSERT of other jobs may join (or null);
   * {@code merge}: how the same statement of other jobs joins it, where it is not a plain INSERT
   * (or null).
   */
  record Held(
      String sql,
      Binder binder,
      DirectStatements.RowsReader<?> rows,
      RecordInsert.Rows insert,
      Merge merge) {
    Held(String sql) {
      this(sql, Binder.NONE, null, null, null);
    }

    Held(String sql, Binder binder, DirectStatements.RowsReader<?> rows, RecordInsert.Rows insert) {
      this(sql, binder, rows, insert, null);
    }
  }

  /**
   * How the same held statement of several jobs of a batch becomes one ({@link BatchedJobs}): each
   * job's statement carries one, and the first one's is asked.
   */
  interface Merge {
    /**
     * One statement for {@code same} (one text, in the jobs' order); null when they cannot join.
     */
    Held of(List<Held> same);
  }

  /** What runs before the pipeline sends anything (the statements of the jobs before). */
  interface BeforeSending {
    void run(Connection connection) throws SQLException;
  }

  private final List<Held> held = new ArrayList<>();
  private long sends;
  private BeforeSending beforeSending;

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
                  pipeline.sends++;
                }
              }
            });
  }

  void hold(String sql, Binder binder) {
    held.add(new Held(sql, binder, null, null));
  }

  void hold(Held statement) {
    held.add(statement);
  }

  /** Holds {@code sql}, whose rows {@code rows} reads once it is sent (an INSERT … RETURNING). */
  void hold(String sql, Binder binder, DirectStatements.RowsReader<?> rows) {
    held.add(new Held(sql, binder, rows, null));
  }

  /** Holds the INSERT {@code sql} of {@code rows}, which may join the same INSERT of other jobs. */
  void holdInsert(String sql, Binder binder, RecordInsert.Rows rows) {
    held.add(new Held(sql, binder, null, rows));
  }

  /** As {@link #holdInsert}, an INSERT … RETURNING of one row, whose row {@code rows} reads. */
  void hold(
      String sql, Binder binder, DirectStatements.RowsReader<?> rows, RecordInsert.Rows insert) {
    held.add(new Held(sql, binder, rows, insert));
  }

  /**
   * Puts {@code replacement} where {@code statement} (the same object) is held; false when it is
   * not held (sent, or taken).
   */
  boolean replace(Held statement, Held replacement) {
    for (int i = held.size() - 1; i >= 0; i--) {
      if (held.get(i) == statement) {
        held.set(i, replacement);
        return true;
      }
    }
    return false;
  }

  /** Has {@code action} run before each send (and each statement JDBI runs) from now on. */
  void beforeSending(BeforeSending action) {
    beforeSending = action;
  }

  /** Runs what must go before anything this pipeline sends (see {@link #beforeSending}). */
  void settle(Connection connection) throws SQLException {
    if (beforeSending != null) {
      beforeSending.run(connection);
    }
  }

  /** Before a statement runs on the connection past the pipeline, which holds nothing. */
  void sendingAlone(Connection connection) throws SQLException {
    settle(connection);
    sends++;
  }

  /** Takes what is held, unsent: the caller sends it ({@link #run}) or forgets it. */
  List<Held> take() {
    List<Held> taken = List.copyOf(held);
    held.clear();
    return taken;
  }

  /**
   * How many times this pipeline has sent statements (or tried to), or a statement went past it on
   * its connection ({@link #sendingAlone}, JDBI's): a savepoint held is sent.
   */
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

  /** Sends what is held, in one round trip (after what must go first, see {@link #settle}). */
  void flush(Connection connection) throws SQLException {
    settle(connection);
    if (!held.isEmpty()) {
      send(connection, null, Binder.NONE, statement -> null);
    }
  }

  /**
   * Runs {@code statements} as one text, in one round trip; reads the answers that have readers.
   */
  static void run(Connection connection, List<Held> statements) throws SQLException {
    if (!statements.isEmpty()) {
      run(connection, statements, null, Binder.NONE, statement -> null);
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
    settle(connection);
    List<Held> sending = List.copyOf(held);
    held.clear();
    sends++;
    return run(connection, sending, sql, binder, answer);
  }

  /**
   * {@code sending} with each plain INSERT that comes just before a turn's event INSERT (the one
   * that takes the turn's lock first: a message's row before its event) made part of it, as a WITH
   * query: one statement where there were two, each of which costs PostgreSQL its executor's start
   * and end and pgjdbc its binding. The event INSERT reads nothing the row could change (its turn's
   * lock, then its own values), and the row's foreign keys are checked at the statement's end, so
   * the two write what they wrote apart; a row that fails fails the same job. One row each: a
   * batch's merged INSERTs ({@link BatchedJobs}) stay as they are.
   */
  static List<Held> folded(List<Held> sending) {
    List<Held> folded = new ArrayList<>(sending.size());
    for (int i = 0; i < sending.size(); i++) {
      Held h = sending.get(i);
      if (i + 1 < sending.size() && plainInsert(h) && afterTurnLock(sending.get(i + 1))) {
        Held event = sending.get(++i);
        Binder first = h.binder();
        Binder then = event.binder();
        folded.add(
            new Held(
                "WITH held_row AS (" + h.sql() + "), " + event.sql().substring(WITH.length()),
                (statement, position) -> then.bind(statement, first.bind(statement, position)),
                event.rows(),
                null));
      } else {
        folded.add(h);
      }
    }
    return folded;
  }

  private static final String WITH = "WITH ";

  private static boolean plainInsert(Held h) {
    RecordInsert.Rows rows = h.insert();
    return rows != null
        && rows.rows().size() == 1
        && h.rows() == null
        && rows.generated() == null
        && rows.first() == null;
  }

  private static boolean afterTurnLock(Held h) {
    RecordInsert.Rows rows = h.insert();
    return rows != null
        && rows.rows().size() == 1
        && rows.first() != null
        && h.sql().startsWith(WITH);
  }

  /** Runs {@code sending} and then {@code sql} (when not null) as one text, in one round trip. */
  private static <T> T run(
      Connection connection, List<Held> unfolded, String sql, Binder binder, Answer<T> answer)
      throws SQLException {
    List<Held> sending = folded(unfolded);
    StringBuilder text = new StringBuilder();
    for (Held h : sending) {
      text.append(text.isEmpty() ? "" : ";\n").append(h.sql());
    }
    if (sql != null) {
      text.append(text.isEmpty() ? "" : ";\n").append(sql);
    }
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
