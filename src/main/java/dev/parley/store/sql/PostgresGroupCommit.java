package dev.parley.store.sql;

import dev.parley.store.ConversationStore.IndexWanted;
import dev.parley.store.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's group commit: a few writer threads, each with a connection of its own, take the
 * write transactions waiting and run them in one database transaction, each after the first inside
 * a savepoint so that one failing rolls back only itself, and commit them together: one commit (and
 * one WAL flush) for many requests instead of one each. A caller returns only after its commit is
 * durable.
 *
 * <p>Two batches (two writers here, or two nodes) may want each other's locks: a batch holds every
 * lock its jobs took until it commits. So only a batch's first job waits for a lock as long as it
 * takes; the later ones wait at most {@link #LOCK_WAIT} (PostgreSQL's {@code lock_timeout}, set for
 * the rest of the transaction once the first job is done). A later job that waits longer, or that
 * collides as {@link PostgresStore} describes (a serialization failure, a deadlock, a unique key
 * another transaction just took), is rolled back to its savepoint; the jobs before it commit, and
 * it and the ones after it run again first in the writer's next batch, so no two batches wait on
 * each other for longer than that, and a colliding job sees the winner when it runs again.
 *
 * <p>A job that sends nothing while it runs (its statements all held in the {@link Pipeline}: a web
 * chat) needs no savepoint: its statements wait ({@link WaitingJobs}) and go with those of the
 * other such jobs in one text, the same INSERT of each merged into one ({@link BatchedJobs}),
 * before the next statement a later job sends or with the batch's last statements. When that text
 * fails, the transaction goes back to where it began (a savepoint, or the start) and the waiting
 * jobs go one by one, each in its savepoint, as the jobs above: a failing one fails alone.
 *
 * <p>A batch of message posts (their indexes reserved at once, {@link MessageIndexes}, with the
 * later jobs' lock wait set in the same round trip) whose jobs all wait needs no savepoint: its
 * text goes straight after the reservation, and when it fails (a row that breaks a key, a lock
 * waited for too long) the whole transaction is rolled back and the posts run again first in the
 * next batch, each taking its own index in its own savepoint ({@link WriteJob#ownIndex}), where a
 * failing one fails alone. Two statements and a subtransaction fewer for the common batch; a second
 * run of its jobs for the rare failing one.
 */
final class PostgresGroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresGroupCommit.class);

  /**
   * Under PostgreSQL's 64 cached subtransaction ids per backend: past them every other session's
   * snapshot checks go through {@code pg_subtrans} (each job's savepoint is a subtransaction).
   */
  private static final int MAX_BATCH = 48;

  /** How long a batch's later job waits for a lock another transaction holds. */
  static final String LOCK_WAIT = "20ms";

  static final String SET_LOCK_WAIT = "SET LOCAL lock_timeout = '" + LOCK_WAIT + "'";

  private static final String NO_LOCK_WAIT = "SET LOCAL lock_timeout = 0";

  private static final Set<String> COLLISIONS = Set.of("40001", "40P01", "23505");
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** Times a job may collide before its collision is its answer. */
  private static final int ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final SharedReads sharedReads;
  private final LinkedBlockingQueue<WriteJob<?>> queue = new LinkedBlockingQueue<>();
  private final Set<Thread> writers = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;

  /** {@code jdbi}: on a pool of {@code threads} connections, for the writers alone. */
  PostgresGroupCommit(Jdbi jdbi, int threads, SharedReads sharedReads) {
    this.jdbi = jdbi;
    this.sharedReads = sharedReads;
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(this::run, "parley-postgresql-writer-" + i);
      thread.setDaemon(true);
      writers.add(thread);
      thread.start();
    }
  }

  /** Runs {@code work}, which takes the message index {@code wanted} first (or null: none). */
  <T> T submit(IndexWanted wanted, Function<Tx, T> work) {
    if (!running) {
      throw new IllegalStateException("store is closed");
    }
    if (writers.contains(Thread.currentThread())) {
      // The writer would wait for itself forever: compose with the Tx-taking methods instead.
      throw new IllegalStateException("store.write called inside a write transaction");
    }
    WriteJob<T> job = new WriteJob<>(wanted, work);
    queue.add(job);
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

  /** How many writes wait for a writer. */
  int queued() {
    return queue.size();
  }

  private void run() {
    List<WriteJob<?>> batch = new ArrayList<>();
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          WriteJob<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
        }
        queue.drainTo(batch, MAX_BATCH - batch.size());
        batch = commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Runs and commits {@code all}; gives the jobs to run again (first) in the next batch. A batch
   * that begins with message posts is those posts alone: their indexes are taken at once ({@link
   * MessageIndexes}), and the jobs after them go first in the next batch.
   */
  private List<WriteJob<?>> commit(List<WriteJob<?>> all) {
    int posts = leadingPosts(all);
    boolean reserving = posts >= 2;
    List<WriteJob<?>> batch = reserving ? all.subList(0, posts) : all;
    List<WriteJob<?>> later = reserving ? all.subList(posts, all.size()) : List.of();
    List<WriteJob<?>> ran = new ArrayList<>(batch.size());
    List<WriteJob<?>> again = new ArrayList<>();
    WaitingJobs waiting = new WaitingJobs(ran, again);
    try (Handle handle = jdbi.open()) {
      try {
        handle.begin();
        Connection connection = handle.getConnection();
        Pipeline pipeline = Pipeline.on(handle);
        MessageIndexes reserved = reserving ? reserve(handle, batch) : null;
        // Whatever a job sends goes after the statements of the jobs before it that wait.
        pipeline.beforeSending(c -> waiting.send(handle, List.of()));
        // Whether the next job's savepoint is in place: sent with the job before's last statements.
        boolean savepointReady = false;
        // Whether the later jobs' lock wait is in force: set once, with the reservation or before
        // the second job's savepoint, it stays for the rest of the transaction (each ROLLBACK TO
        // goes back to a savepoint made after it), unless the waiting jobs start the transaction
        // again.
        boolean lockWaitSet = reserved != null;
        for (int i = 0; i < batch.size(); i++) {
          WriteJob<?> job = batch.get(i);
          boolean hadSavepoint = savepointReady;
          long sendsBefore = pipeline.sends();
          boolean ownSavepoint = i > 0 && !savepointReady;
          // Waiting jobs, sent before this job's first statement, may start the transaction again.
          boolean settingLockWait = ownSavepoint && (!lockWaitSet || waiting.pending());
          if (ownSavepoint) {
            // The first job is alone in the transaction until it ends: it needs no savepoint.
            holdSavepoint(pipeline, settingLockWait);
          }
          savepointReady = false;
          SqlTx tx = new SqlTx(handle, sharedReads).deferringNotifications();
          int mark = reserved == null ? 0 : reserved.mark();
          try {
            job.run(tx);
            if (!again.isEmpty()) {
              throw new IllegalStateException("a job before this one runs again");
            }
            if (pipeline.sends() == sendsBefore) {
              // It sent nothing while it ran: its statements wait, to go with those of the other
              // jobs that send nothing (merged), at the batch's end or before the next one sent.
              List<Pipeline.Held> held = pipeline.take();
              int own = ownSavepoint ? (settingLockWait ? 2 : 1) : 0;
              waiting.add(job, i, mark, held.subList(own, held.size()));
              continue;
            }
            // It sent: its savepoint (and the lock wait, when it held one) went first.
            lockWaitSet |= settingLockWait;
            if (pipeline.isEmpty()) {
              // Nothing of it is left to send (a message post): the next job holds its own
              // savepoint and sends it with its first statement, not in a round trip of its own.
              ran.add(job);
              continue;
            }
            boolean more = i + 1 < batch.size();
            boolean nextSetsLockWait = more && !lockWaitSet;
            if (more) {
              holdSavepoint(pipeline, nextSetsLockWait);
            }
            // What the job held back is sent now (with the next job's savepoint): if it fails, it
            // fails this job, not the next one.
            pipeline.flush(connection);
            lockWaitSet |= nextSetsLockWait;
            savepointReady = more;
            ran.add(job);
          } catch (Throwable failure) {
            // The savepoint is the first statement a job holds: it went if anything did.
            boolean savepoint = hadSavepoint || (i > 0 && pipeline.sends() > sendsBefore);
            // The waiting jobs before it may have started the transaction again, without it.
            reserved = MessageIndexes.of(handle);
            // After a reservation even the first job ran under the later jobs' lock wait.
            int position = reserved != null ? Math.max(1, i) : i;
            pipeline.clear();
            if (reserved != null) {
              reserved.rollBackTo(mark);
            }
            if (i == 0) {
              handle.rollback();
              handle.begin();
              lockWaitSet = false;
              if (reserved != null) {
                // The reservation went with the transaction: the posts take their own indexes.
                MessageIndexes.drop(handle);
                reserved = null;
              }
            } else if (savepoint) {
              // Back to where the job began; the savepoint stays, ready for the next job.
              execute(connection, "ROLLBACK TO job");
              savepointReady = true;
            }
            tx.ended();
            if (!again.isEmpty()) {
              // A waiting job before it collided and runs again: so does this one, after it.
              again.addAll(batch.subList(i, batch.size()));
              break;
            }
            if (runsAgain(job, failure, position)) {
              again.addAll(batch.subList(i, batch.size()));
              break;
            }
            job.result.completeExceptionally(failure);
          }
        }
        if (reserved != null) {
          // Posts' notifications carry the Sync ids their statements return: those go first.
          waiting.send(handle, List.of());
          // When they failed, the transaction started again without the reservation.
          reserved = MessageIndexes.of(handle);
        }
        List<WriteJob<?>> sent = new ArrayList<>(ran);
        sent.addAll(waiting.jobs());
        List<Pipeline.Held> givenBack = reserved == null ? List.of() : reserved.givenBack();
        // The commit goes with the batch's last statements, in their round trip (pgjdbc then has
        // nothing to send for handle.commit()): with the waiting jobs' when they all go, else
        // with the lifted lock wait and the notifications of the jobs that ran.
        if (!waiting.send(handle, lastStatements(givenBack, sent, true))) {
          lastStatements(givenBack, ran, batch.size() > 1).forEach(pipeline::hold);
          send(pipeline, connection);
        }
        handle.commit();
      } catch (RuntimeException e) {
        log.error("event=commit_failed jobs={}", batch.size(), e);
        try {
          handle.rollback();
        } catch (RuntimeException ignored) {
          // The connection is already out of its transaction.
        }
        ended(ran);
        ended(waiting.jobs());
        batch.forEach(job -> job.result.completeExceptionally(e));
        return new ArrayList<>(later);
      }
    }
    ran.forEach(job -> job.tx.committed());
    ended(ran);
    ran.forEach(WriteJob::publish);
    again.addAll(later);
    return again;
  }

  /**
   * How many jobs at the head of {@code batch} are message posts (see {@link IndexWanted}) that may
   * take their indexes from a reservation.
   */
  private static int leadingPosts(List<WriteJob<?>> batch) {
    int posts = 0;
    while (posts < batch.size() && batch.get(posts).wanted != null && !batch.get(posts).ownIndex) {
      posts++;
    }
    return posts;
  }

  /**
   * Takes the indexes of the posts {@code batch} at once, as the transaction's first statements;
   * null (and the transaction as it began) when that fails: the posts then take their own.
   */
  private static MessageIndexes reserve(Handle handle, List<WriteJob<?>> batch) {
    List<IndexWanted> wanted = new ArrayList<>(batch.size());
    batch.forEach(job -> wanted.add(job.wanted));
    try {
      // The later jobs' lock wait, after the reservation's statements (which wait as long as it
      // takes), in their round trip.
      return MessageIndexes.reserve(handle, wanted, new Pipeline.Held(SET_LOCK_WAIT));
    } catch (SQLException e) {
      log.info(
          "event=message_indexes_not_reserved posts={} state={}", batch.size(), e.getSQLState());
      handle.rollback();
      handle.begin();
      return null;
    }
  }

  /**
   * The statements that end a batch that ran {@code jobs}: the later jobs' lock wait lifted (when
   * {@code lockWaitSet}: it bounds the jobs' own statements, not the commit, for which PostgreSQL
   * takes one lock at a time in transactions that NOTIFY, and a batch that gave up on it would fail
   * every job it ran), the jobs' notifications in order, and the commit.
   */
  private static List<Pipeline.Held> lastStatements(
      List<Pipeline.Held> givenBack, List<WriteJob<?>> jobs, boolean lockWaitSet) {
    List<Pipeline.Held> last = new ArrayList<>(givenBack);
    if (lockWaitSet) {
      last.add(new Pipeline.Held(NO_LOCK_WAIT));
    }
    List<String[]> notifications = notifications(jobs);
    if (!notifications.isEmpty()) {
      last.add(PostgresBroadcasts.notifying(notifications));
    }
    last.add(new Pipeline.Held("COMMIT"));
    return last;
  }

  private static List<String[]> notifications(List<WriteJob<?>> jobs) {
    List<String[]> notifications = new ArrayList<>();
    jobs.forEach(job -> notifications.addAll(job.tx.notifications()));
    return notifications;
  }

  /**
   * Whether {@code job}, rolled back after {@code failure} as the {@code position}th job of its
   * batch, runs again: after a collision (until it has had its attempts), or when it gave up
   * waiting for a lock (it waits as long as it takes once it is first).
   */
  static boolean runsAgain(WriteJob<?> job, Throwable failure, int position) {
    String state = sqlState(failure);
    if (position > 0 && LOCK_NOT_AVAILABLE.equals(state)) {
      return true;
    }
    return state != null && COLLISIONS.contains(state) && ++job.collisions < ATTEMPTS;
  }

  private static String sqlState(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /**
   * Holds a job's savepoint, after the lock wait for the jobs after a batch's first when {@code
   * lockWait} (once per transaction: a job rolled back to its savepoint keeps what was set before
   * it, and each SET is one more statement for PostgreSQL to run per job).
   */
  private static void holdSavepoint(Pipeline pipeline, boolean lockWait) {
    if (lockWait) {
      pipeline.hold(SET_LOCK_WAIT, Pipeline.Binder.NONE);
    }
    pipeline.hold("SAVEPOINT job", Pipeline.Binder.NONE);
  }

  /** Sends what {@code pipeline} holds. */
  private static void send(Pipeline pipeline, Connection connection) {
    try {
      pipeline.flush(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("could not send the batch's last statements", e);
    }
  }

  static void execute(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("savepoint statement failed: " + sql, e);
    }
  }

  static void ended(List<WriteJob<?>> jobs) {
    for (WriteJob<?> job : jobs) {
      job.tx.ended();
    }
  }

  @Override
  public void close() {
    running = false;
    for (Thread writer : writers) {
      try {
        writer.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
