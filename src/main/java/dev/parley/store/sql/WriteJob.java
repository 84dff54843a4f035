package dev.parley.store.sql;

import dev.parley.store.Tx;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A write transaction waiting for, or run by, a PostgreSQL writer ({@link PostgresGroupCommit}).
 */
final class WriteJob<T> {
  final Function<Tx, T> work;
  final CompletableFuture<T> result = new CompletableFuture<>();
  int collisions;
  T value;
  SqlTx tx;

  WriteJob(Function<Tx, T> work) {
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
