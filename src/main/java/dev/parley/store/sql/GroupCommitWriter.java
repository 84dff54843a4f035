package dev.parley.store.sql;

import dev.parley.store.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's single writer. Write transactions queue here and one thread runs them; transactions that
 * arrive together share one commit (and one fsync). A caller returns only after its commit is
 * durable.
 *
 * <p>A batch's jobs run one after the other with no savepoint between them: a savepoint makes
 * SQLite copy every page a job changes that an earlier job of the batch changed too (the
 * conversation's, its Sync list's and document's rows, the newest leaf of each of their indexes),
 * and costs two statements per job. A job that fails while it is alone in the transaction (the
 * first, or the first after others failed so) is rolled back with it and fails at once. One that
 * fails after others ran rolls the batch back, and its jobs run again from the start one by one,
 * each in its own savepoint, as PostgreSQL's group commit sends its waiting jobs again when their
 * merged statements fail ({@link WaitingJobs}): so a failing job fails alone, with its own error,
 * and the others commit. The batch after one that ran again also goes one by one, so a stream of
 * failing requests costs savepoints rather than every batch run twice; the next batch with no
 * failure goes back to running together.
 *
 * <p>The callers of a committed batch are answered by another thread ({@link #replies}): each
 * answer wakes a parked worker, a system call per caller that cost the writer, the one thread every
 * write queues behind, 5–7 % of its time (docs/benchmarks.md). The writer's after-commit work
 * (broadcasts in commit order, caches) stays on the writer, before the batch is handed over.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final int MAX_BATCH = 256;

  private final Handle handle;
  private final SharedReads sharedReads;
  private final Savepoints savepoints;
  private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final ExecutorService replies =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-sqlite-replies");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean running = true;

  /** Whether to finish a checkpoint between two batches ({@link WalCheckpoints}). */
  private volatile boolean checkpointWanted;

  /** Whether the next batch runs {@link #oneByOne}: the one before it had a failing job. */
  private boolean oneByOneNext;

  GroupCommitWriter(Jdbi jdbi, SharedReads sharedReads) {
    this.handle = jdbi.open();
    this.sharedReads = sharedReads;
    this.savepoints = new Savepoints(handle.getConnection());
    this.thread = new Thread(this::run, "parley-sqlite-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  <T> T submit(Function<Tx, T> work) {
    if (!running) {
      throw new IllegalStateException("store is closed");
    }
    if (Thread.currentThread() == thread) {
      // The writer would wait for itself forever: compose with the Tx-taking methods instead.
      throw new IllegalStateException("store.write called inside a write transaction");
    }
    Job<T> job = new Job<>(work);
    queue.add(job);
    if (!running && queue.remove(job)) {
      // Closed meanwhile: the writer may have seen the queue empty and ended.
      throw new IllegalStateException("store is closed");
    }
    try {
      return job.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a commit", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Asks the writer to finish the log's checkpoint before its next batch: with no commit in between
   * it copies what is left (the checkpoint thread copied the rest) and the next batch starts the
   * log over.
   */
  void checkpointBetweenBatches() {
    checkpointWanted = true;
  }

  /** How many writes wait for the writer. */
  int queued() {
    return queue.size();
  }

  private void run() {
    List<Job<?>> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        if (checkpointWanted) {
          checkpointWanted = false;
          finishCheckpoint();
        }
        Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void finishCheckpoint() {
    try {
      handle.select("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().list();
    } catch (RuntimeException e) {
      log.warn("event=wal_checkpoint_failed error={}", e.toString());
    }
  }

  private void commit(List<Job<?>> batch) {
    try {
      handle.begin();
      List<Job<?>> succeeded;
      if (oneByOneNext) {
        succeeded = oneByOne(batch);
        oneByOneNext = succeeded.size() < batch.size();
      } else {
        succeeded = together(batch);
        if (succeeded == null) {
          succeeded = oneByOne(batch);
          oneByOneNext = true;
        }
      }
      handle.commit();
      succeeded.forEach(job -> job.tx.committed());
      ended(batch);
      answer(succeeded);
    } catch (RuntimeException e) {
      log.error("event=commit_failed jobs={}", batch.size(), e);
      try {
        handle.rollback();
      } catch (RuntimeException ignored) {
        // The connection is already out of its transaction.
      }
      ended(batch);
      batch.forEach(job -> job.result.completeExceptionally(e));
    }
  }

  /**
   * Runs the jobs that have not failed in the transaction, with no savepoints, and gives those that
   * ran; a job alone in the transaction that fails is failed. Null when a job failed after others
   * had run: the transaction is rolled back and the jobs left are to run {@link #oneByOne}.
   */
  private List<Job<?>> together(List<Job<?>> batch) {
    List<Job<?>> ran = new ArrayList<>(batch.size());
    for (Job<?> job : batch) {
      try {
        job.run(new SqlTx(handle, sharedReads));
        ran.add(job);
      } catch (Throwable failure) {
        restart();
        job.tx.ended();
        if (!ran.isEmpty()) {
          ended(ran);
          return null;
        }
        // It was alone in the transaction: the rollback undid it and nothing else.
        job.result.completeExceptionally(failure);
      }
    }
    return ran;
  }

  /** Runs the jobs not yet failed, each in its savepoint, and gives those that succeeded. */
  private List<Job<?>> oneByOne(List<Job<?>> batch) {
    List<Job<?>> succeeded = new ArrayList<>(batch.size());
    for (Job<?> job : batch) {
      if (job.result.isDone()) {
        continue;
      }
      savepoints.open();
      try {
        job.run(new SqlTx(handle, sharedReads));
        succeeded.add(job);
      } catch (Throwable failure) {
        savepoints.rollBack();
        job.result.completeExceptionally(failure);
      }
      savepoints.release();
    }
    return succeeded;
  }

  private void restart() {
    handle.rollback();
    handle.begin();
  }

  /** Answers the callers of a committed batch on {@link #replies}; here once it is shut down. */
  private void answer(List<Job<?>> committed) {
    try {
      replies.execute(() -> committed.forEach(Job::publish));
    } catch (RejectedExecutionException closing) {
      committed.forEach(Job::publish);
    }
  }

  private static void ended(List<Job<?>> batch) {
    for (Job<?> job : batch) {
      if (job.tx != null) {
        job.tx.ended();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Jobs queued as the writer ended are refused; every batch it committed is answered.
    for (Job<?> left = queue.poll(); left != null; left = queue.poll()) {
      left.result.completeExceptionally(new IllegalStateException("store is closed"));
    }
    replies.shutdown();
    try {
      replies.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    savepoints.close();
    handle.close();
  }

  /**
   * The savepoint around each job, as statements prepared once: through JDBI each would be parsed
   * and prepared again, twice per write. SQLite keeps a savepoint on the stack after ROLLBACK TO,
   * so it is released either way.
   */
  private static final class Savepoints implements AutoCloseable {
    private final PreparedStatement open;
    private final PreparedStatement rollBack;
    private final PreparedStatement release;

    Savepoints(Connection connection) {
      try {
        open = connection.prepareStatement("SAVEPOINT job");
        rollBack = connection.prepareStatement("ROLLBACK TO job");
        release = connection.prepareStatement("RELEASE job");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare savepoints", e);
      }
    }

    void open() {
      run(open);
    }

    void rollBack() {
      run(rollBack);
    }

    void release() {
      run(release);
    }

    private static void run(PreparedStatement statement) {
      try {
        statement.execute();
      } catch (SQLException e) {
        throw new IllegalStateException("savepoint statement failed", e);
      }
    }

    @Override
    public void close() {
      for (PreparedStatement statement : List.of(open, rollBack, release)) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // The connection is closing anyway.
        }
      }
    }
  }

  private static final class Job<T> {
    final Function<Tx, T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;
    SqlTx tx;

    Job(Function<Tx, T> work) {
      this.work = work;
    }

    void run(SqlTx tx) {
      this.tx = tx;
      value = work.apply(tx);
      tx.finish();
    }

    void publish() {
      result.complete(value);
    }
  }
}
