package dev.parley.store.sql;

import dev.parley.store.ConversationStore.IndexWanted;
import dev.parley.store.Tx;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A write transaction waiting for, or run by, a PostgreSQL writer ({@link PostgresGroupCommit}).
 */
final class WriteJob<T> {
  final Function<Tx, T> work;

  /** The message index it takes first, or null (see {@link MessageIndexes}). */
  final IndexWanted wanted;

  final CompletableFuture<T> result = new CompletableFuture<>();
  int collisions;

  /**
   * Takes its message index by a statement of its own, not from its batch's reservation: it ran in
   * a batch of posts whose statements failed together ({@link WaitingJobs#send}), and runs again
   * where a failing post fails alone.
   */
  boolean ownIndex;

  T value;
  SqlTx tx;

  WriteJob(IndexWanted wanted, Function<Tx, T> work) {
    this.wanted = wanted;
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
