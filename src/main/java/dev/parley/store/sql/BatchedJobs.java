package dev.parley.store.sql;

import dev.parley.store.sql.Pipeline.Held;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements of a PostgreSQL batch's jobs that sent nothing while they ran (a web chat: its
 * rows, events and Sync rows, all held), made into one text: where every job held the same
 * statements in the same order, the same plain INSERT of every job becomes one multi-row INSERT (as
 * the bare ceiling's batched inserts), so PostgreSQL plans and runs it once for the batch rather
 * than once a job; the other statements (an event's {@code INSERT … RETURNING}, a Sync item's
 * upsert) go one per job, in the jobs' order. Otherwise the jobs' statements go one job after the
 * other.
 *
 * <p>Why the jobs' statements may be reordered: each job still runs its own in its order, and a job
 * that sent nothing read nothing the jobs before it wrote in this transaction, so its rows do not
 * depend on theirs; a constraint one of them breaks fails the whole text, and the group commit then
 * sends the jobs one by one as they ran, each in its savepoint, so a failing job fails alone and as
 * it would have. Events are the one order kept across jobs: a turn's (a conversation's, a user's)
 * events are numbered in the order their jobs ran, so jobs that append to the same turn are never
 * merged.
 */
final class BatchedJobs {
  private BatchedJobs() {}

  /** One job's held statements, and the turns whose events it appended. */
  record Job(List<Held> statements, Set<String> turns) {}

  /** The statements of {@code jobs} (in the order they ran) as one batch, merged where they may. */
  static List<Held> statements(List<Job> jobs) {
    if (jobs.size() == 1) {
      return jobs.get(0).statements();
    }
    if (!sameStatements(jobs) || !ownTurns(jobs)) {
      List<Held> all = new ArrayList<>();
      jobs.forEach(job -> all.addAll(job.statements()));
      return all;
    }
    List<Held> merged = new ArrayList<>();
    int count = jobs.get(0).statements().size();
    for (int i = 0; i < count; i++) {
      List<Held> same = new ArrayList<>(jobs.size());
      for (Job job : jobs) {
        same.add(job.statements().get(i));
      }
      Held one = same.get(0).insert() == null ? null : ArrayInsert.of(same);
      if (one == null) {
        merged.addAll(same);
      } else {
        merged.add(one);
      }
    }
    return merged;
  }

  /** Whether every job holds the same statement texts in the same order (INSERTs as INSERTs). */
  private static boolean sameStatements(List<Job> jobs) {
    List<Held> first = jobs.get(0).statements();
    for (Job job : jobs) {
      List<Held> statements = job.statements();
      if (statements.size() != first.size()) {
        return false;
      }
      for (int i = 0; i < statements.size(); i++) {
        Held a = first.get(i);
        Held b = statements.get(i);
        if (!a.sql().equals(b.sql()) || (a.insert() == null) != (b.insert() == null)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether no two jobs appended events to the same turn. */
  private static boolean ownTurns(List<Job> jobs) {
    Set<String> seen = new HashSet<>();
    for (Job job : jobs) {
      for (String turn : job.turns()) {
        if (!seen.add(turn)) {
          return false;
        }
      }
    }
    return true;
  }
}
