package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file beside the writer. Left to SQLite, the
 * commit that crossed {@code wal_autocheckpoint} pages ran the checkpoint itself: the single writer
 * copied up to 10,000 pages and fsynced the file while every write queued behind it, 90 ms to 1 s
 * every few seconds under load (docs/benchmarks.md). The writer's connection has automatic
 * checkpoints off; this thread runs a PASSIVE checkpoint, which neither waits for nor blocks the
 * writer or the readers, every {@link #PERIOD_MILLIS}, with a few quick passes more while the
 * writer keeps adding to the log. SQLite starts the log over only at a write that finds it all
 * copied, which a batch begun before the copy ended keeps from happening; so once the log holds
 * {@link #FINISH_PAGES} or more the writer finishes the checkpoint between two batches, copying
 * only what is left (and fsyncing the file), and its next batch starts the log over. Durability
 * does not depend on any of it: each commit is fsynced in the log.
 */
final class WalCheckpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);

  /** How long commits gather before the next checkpoint copies their pages, each page once. */
  static final long PERIOD_MILLIS = 1_000;

  /** Passes after the first, {@link #CATCH_UP_MILLIS} apart, while the log is not all copied. */
  static final int CATCH_UP_PASSES = 5;

  static final long CATCH_UP_MILLIS = 20;

  /** The log, in pages (~40 MB), past which the writer finishes a checkpoint to start it over. */
  static final int FINISH_PAGES = 10_000;

  private final Connection connection;
  private final Runnable finishOnWriter;
  private final Thread thread;
  private volatile boolean running = true;

  /** {@code finishOnWriter} asks the writer to run the last checkpoint between two batches. */
  WalCheckpoints(DataSource writable, Runnable finishOnWriter) {
    this.finishOnWriter = finishOnWriter;
    try {
      this.connection = writable.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the checkpoint connection", e);
    }
    this.thread = new Thread(this::run, "parley-sqlite-checkpoints");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    while (running) {
      try {
        TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      try {
        // A pass copies the log as it was when it began; the writer may have added to it since.
        int[] pages = passive();
        for (int pass = 1; pass < CATCH_UP_PASSES && pages[1] < pages[0] && running; pass++) {
          TimeUnit.MILLISECONDS.sleep(CATCH_UP_MILLIS);
          pages = passive();
        }
        // Caught up a moment ago is not enough: a batch that began before then adds to the log
        // and keeps it from starting over. Only the writer, between batches, can finish it.
        if (pages[0] >= FINISH_PAGES) {
          finishOnWriter.run();
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        log.warn("event=wal_checkpoint_failed error={}", e.toString());
      }
    }
  }

  /** Runs a PASSIVE checkpoint; gives the pages the log held and those now copied. */
  private int[] passive() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return result.next() ? new int[] {result.getInt(2), result.getInt(3)} : new int[2];
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing anyway; the last connection to close checkpoints what is left.
    }
  }
}
