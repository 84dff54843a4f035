package dev.parley.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The jobs of a batch that sent nothing while they ran, waiting to be sent together (see {@link
 * BatchedJobs}) before the next statement a later job sends, or at the batch's end.
 */
final class WaitingJobs {
  private final List<WriteJob<?>> ran;
  private final List<WriteJob<?>> again;
  private final List<WriteJob<?>> jobs = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();

  /** Where each job's reserved message indexes begin ({@link MessageIndexes#mark}). */
  private final List<Integer> marks = new ArrayList<>();

  private final List<BatchedJobs.Job> statements = new ArrayList<>();

  WaitingJobs(List<WriteJob<?>> ran, List<WriteJob<?>> again) {
    this.ran = ran;
    this.again = again;
  }

  void add(WriteJob<?> job, int position, int mark, List<Pipeline.Held> held) {
    jobs.add(job);
    positions.add(position);
    marks.add(mark);
    statements.add(new BatchedJobs.Job(List.copyOf(held), PostgresStore.turnsOf(job.tx)));
  }

  /** Whether jobs wait to be sent (when they fail, the transaction may start again). */
  boolean pending() {
    return !jobs.isEmpty();
  }

  List<WriteJob<?>> jobs() {
    return List.copyOf(jobs);
  }

  /**
   * Sends the waiting jobs' statements, merged, then {@code after}, in one round trip; true when
   * there were some and all went. When that fails, the transaction goes back to where they began
   * and they go one by one as they ran, each in its savepoint as if it had sent at its end: one
   * that fails fails alone, one that collides runs again with the waiting jobs after it (into
   * {@code again}), and {@code after} is not sent; or, a batch of posts that sent nothing before
   * them, they all run again (into {@code again}), each on its own. The jobs that went join {@code
   * ran}.
   */
  boolean send(Handle handle, List<Pipeline.Held> after) {
    if (jobs.isEmpty()) {
      return false;
    }
    Connection connection = handle.getConnection();
    MessageIndexes reserved = MessageIndexes.of(handle);
    // Nothing before them to keep: the transaction starts again when they fail.
    boolean first = ran.isEmpty() && reserved == null;
    // A batch of posts, all waiting: nothing before them but the reservation, which set the lock
    // wait in its round trip. They need no savepoint: when they fail, the transaction (and the
    // reservation) starts again and they run again, first in the next batch, each taking its own
    // index in its own savepoint, so a failing one fails alone (rare: a post's rows break no key).
    boolean reservedOnly = ran.isEmpty() && reserved != null;
    // The transaction's only job waits for locks as long as it takes, and fails alone.
    boolean alone = first && jobs.size() == 1;
    List<Pipeline.Held> text = new ArrayList<>();
    if (!alone && !reservedOnly) {
      text.add(new Pipeline.Held(PostgresGroupCommit.SET_LOCK_WAIT));
    }
    if (!first && !reservedOnly) {
      text.add(new Pipeline.Held("SAVEPOINT merged"));
    }
    text.addAll(BatchedJobs.statements(statements));
    text.addAll(after);
    boolean went = true;
    try {
      Pipeline.run(connection, text);
      ran.addAll(jobs);
    } catch (SQLException e) {
      went = false;
      if (alone) {
        failed(handle, 0, e, true);
      } else if (reservedOnly) {
        restart(handle);
        MessageIndexes.drop(handle);
        for (WriteJob<?> job : jobs) {
          job.tx.ended();
          job.ownIndex = true;
        }
        again.addAll(jobs);
      } else {
        if (first) {
          restart(handle);
        } else {
          PostgresGroupCommit.execute(connection, "ROLLBACK TO merged");
        }
        oneByOne(handle, first);
      }
    }
    jobs.clear();
    positions.clear();
    marks.clear();
    statements.clear();
    return went;
  }

  private void oneByOne(Handle handle, boolean first) {
    Connection connection = handle.getConnection();
    for (int k = 0; k < jobs.size(); k++) {
      // The transaction's first job: no savepoint, and it waits for locks as long as it takes.
      boolean alone = first && k == 0;
      List<Pipeline.Held> text = new ArrayList<>();
      if (!alone) {
        text.add(new Pipeline.Held(PostgresGroupCommit.SET_LOCK_WAIT));
        text.add(new Pipeline.Held("SAVEPOINT job"));
      }
      text.addAll(statements.get(k).statements());
      try {
        Pipeline.run(connection, text);
        ran.add(jobs.get(k));
      } catch (SQLException e) {
        if (!failed(handle, k, e, alone)) {
          return;
        }
      }
    }
  }

  /**
   * Rolls the {@code k}th waiting job back after {@code e} (the transaction, when it was {@code
   * alone} in it), and fails it; or, when it runs again, puts it and the waiting jobs after it into
   * {@code again} and gives false. Where the batch reserved message indexes, the waiting jobs after
   * a failed one run again too (false): they took the indexes after its, which it gives back.
   */
  private boolean failed(Handle handle, int k, SQLException e, boolean alone) {
    WriteJob<?> job = jobs.get(k);
    MessageIndexes reserved = MessageIndexes.of(handle);
    if (alone) {
      restart(handle);
    } else {
      PostgresGroupCommit.execute(handle.getConnection(), "ROLLBACK TO job");
    }
    job.tx.ended();
    if (reserved != null) {
      reserved.rollBackTo(marks.get(k));
    }
    RuntimeException failure = new IllegalStateException("could not write", e);
    List<WriteJob<?>> after = jobs.subList(k + 1, jobs.size());
    // Not alone, it waited for locks as a later job does (after a reservation, even the first).
    if (PostgresGroupCommit.runsAgain(job, failure, alone ? 0 : Math.max(1, positions.get(k)))) {
      PostgresGroupCommit.ended(after);
      again.add(job);
      again.addAll(after);
      return false;
    }
    job.result.completeExceptionally(failure);
    if (reserved != null) {
      PostgresGroupCommit.ended(after);
      again.addAll(after);
      return false;
    }
    return true;
  }

  private static void restart(Handle handle) {
    handle.rollback();
    handle.begin();
  }
}
