package dev.parley.store.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What pgjdbc sends, as it logs it (each statement's {@code Execute}, each round trip's {@code
 * Sync}), by thread: the statements and round trips of one writer's batch, counted where they
 * leave, whatever the machine's load.
 */
final class SentStatements implements AutoCloseable {
  /** The statements of each of a batch's round trips, in order (BEGIN and COMMIT included). */
  record Count(List<Integer> roundTrips) {}

  private static final String EXECUTE = " FE=> Execute";
  private static final String SYNC = " FE=> Sync";

  private final Logger logger = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
  private final Level level = logger.getLevel();
  private final List<long[]> sent = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = record.getMessage();
          if (message == null) {
            return;
          }
          if (message.startsWith(EXECUTE)) {
            add(record.getLongThreadID(), 'E');
          } else if (message.equals(SYNC)) {
            add(record.getLongThreadID(), 'S');
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private SentStatements() {}

  static SentStatements record() {
    SentStatements statements = new SentStatements();
    statements.logger.setLevel(Level.FINEST);
    statements.logger.addHandler(statements.handler);
    return statements;
  }

  private synchronized void add(long thread, char what) {
    sent.add(new long[] {thread, what});
  }

  /** Marks where the batch's jobs begin to run, on the writer's thread: after its reservation. */
  synchronized void mark() {
    long thread = Thread.currentThread().getId();
    for (long[] s : sent) {
      if (s[1] == 'M') {
        return;
      }
    }
    sent.add(new long[] {thread, 'M'});
  }

  /**
   * What the marked writer sent from the round trip before the mark (the batch's reservation, its
   * first) to its last.
   */
  synchronized Count ofBatch() {
    long thread = -1;
    int mark = -1;
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i)[1] == 'M') {
        thread = sent.get(i)[0];
        mark = i;
      }
    }
    if (mark < 0) {
      throw new IllegalStateException("no batch was marked");
    }
    // Back past the reservation's Sync to the one before it: the writer's transaction before.
    int start = 0;
    int syncs = 0;
    for (int i = mark - 1; i >= 0; i--) {
      long[] s = sent.get(i);
      if (s[0] == thread && s[1] == 'S' && ++syncs == 2) {
        start = i + 1;
        break;
      }
    }
    List<Integer> roundTrips = new ArrayList<>();
    int statements = 0;
    for (int i = start; i < sent.size(); i++) {
      long[] s = sent.get(i);
      if (s[0] == thread && s[1] == 'E') {
        statements++;
      } else if (s[0] == thread && s[1] == 'S') {
        roundTrips.add(statements);
        statements = 0;
      }
    }
    return new Count(roundTrips);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(level);
  }
}
