package dev.parley.store.sql;

import dev.parley.store.sql.Pipeline.Held;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of a PostgreSQL batch's jobs that sent nothing while they ran (a web chat: its
 * rows, events and Sync rows, all held), made into one text: where every job held the same
 * statements in the same order, the same plain INSERT of every job becomes one multi-row INSERT (as
 * the bare ceiling's batched inserts), so PostgreSQL plans and runs it once for the batch rather
 * than once a job; a statement that says how ({@link Pipeline.Merge}: a message's Sync item and its
 * objects' ids, {@link SyncAdditions}) becomes one of its own; the other statements (a Sync item's
 * upsert of a web chat) go one per job, in the jobs' order. Otherwise the jobs' statements go one
 * job after the other.
 *
 * <p>Why the jobs' statements may be reordered: each job still runs its own in its order, and a job
 * that sent nothing read nothing the jobs before it wrote in this transaction, so its rows do not
 * depend on theirs; a constraint one of them breaks fails the whole text, and the group commit then
 * sends the jobs one by one as they ran, each in its savepoint, so a failing job fails alone and as
 * it would have. Events are the one order kept across jobs: a turn's (a conversation's, a user's)
 * events are numbered in the order their jobs ran, so jobs that append to the same turn are never
 * merged with each other: they go in rounds, one after the other ({@link #rounds}).
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
    if (!sameStatements(jobs)) {
      List<Held> all = new ArrayList<>();
      jobs.forEach(job -> all.addAll(job.statements()));
      return all;
    }
    List<Held> merged = new ArrayList<>();
    for (List<Job> round : rounds(jobs)) {
      merged.addAll(round.size() == 1 ? round.get(0).statements() : merged(round));
    }
    return merged;
  }

  /**
   * {@code jobs} in rounds, each round's jobs appending to turns of their own: a job goes in the
   * round after the last one that holds a job sharing a turn with it (so a turn's jobs keep their
   * order, one round after the other: several posts to one conversation), else in the first.
   */
  private static List<List<Job>> rounds(List<Job> jobs) {
    List<List<Job>> rounds = new ArrayList<>();
    Map<String, Integer> lastRound = new HashMap<>();
    for (Job job : jobs) {
      int round = 0;
      for (String turn : job.turns()) {
        round = Math.max(round, lastRound.getOrDefault(turn, -1) + 1);
      }
      for (String turn : job.turns()) {
        lastRound.put(turn, round);
      }
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(job);
    }
    return rounds;
  }

  /** The statements of {@code jobs}, of turns of their own, the same INSERT of each made one. */
  private static List<Held> merged(List<Job> jobs) {
    List<Held> merged = new ArrayList<>();
    int count = jobs.get(0).statements().size();
    for (int i = 0; i < count; i++) {
      List<Held> same = new ArrayList<>(jobs.size());
      for (Job job : jobs) {
        same.add(job.statements().get(i));
      }
      Held one = joined(same);
      if (one == null) {
        merged.addAll(same);
      } else {
        merged.add(one);
      }
    }
    return merged;
  }

  /** The same statement of several jobs as one; null where it goes one per job. */
  private static Held joined(List<Held> same) {
    Held first = same.get(0);
    if (first.insert() != null) {
      return ArrayInsert.of(same);
    }
    return first.merge() == null ? null : first.merge().of(same);
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
        if (!a.sql().equals(b.sql())
            || (a.insert() == null) != (b.insert() == null)
            || (a.merge() == null) != (b.merge() == null)) {
          return false;
        }
      }
    }
    return true;
  }
}
