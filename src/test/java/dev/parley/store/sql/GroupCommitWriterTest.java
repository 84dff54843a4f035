package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.store.Store;
import dev.parley.testing.SqliteOnly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SqliteOnly
class GroupCommitWriterTest {
  @TempDir Path dir;

  @Test
  void refuses_a_write_nested_in_a_write_instead_of_deadlocking() {
    try (Store store = SqliteStore.open(dir.resolve("nested.db"))) {
      assertThatThrownBy(() -> store.write(tx -> store.write(inner -> 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside a write transaction");
    }
  }

  @Test
  void a_failing_transaction_rolls_back_alone_among_concurrent_ones() {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try (Store store = SqliteStore.open(dir.resolve("batch.db"))) {
      store.write(tx -> SqlTx.of(tx).execute("CREATE TABLE numbers (n INTEGER NOT NULL)"));
      List<CompletableFuture<Integer>> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        writes.add(
            CompletableFuture.supplyAsync(
                () ->
                    store.write(
                        tx -> {
                          SqlTx.of(tx).execute("INSERT INTO numbers (n) VALUES (?)", n);
                          if (n % 2 == 1) {
                            throw new IllegalArgumentException("odd " + n);
                          }
                          return n;
                        }),
                callers));
      }

      long refused =
          writes.stream().map(w -> w.handle((v, e) -> e != null).join()).filter(b -> b).count();
      List<Integer> kept = numbers(store);

      assertThat(refused).isEqualTo(100);
      assertThat(kept).hasSize(100).allMatch(n -> n % 2 == 0);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void a_before_commit_action_that_fails_rolls_back_its_own_transaction() {
    try (Store store = SqliteStore.open(dir.resolve("before.db"))) {
      store.write(tx -> SqlTx.of(tx).execute("CREATE TABLE numbers (n INTEGER NOT NULL)"));

      assertThatThrownBy(
              () ->
                  store.write(
                      tx -> {
                        SqlTx.of(tx).execute("INSERT INTO numbers (n) VALUES (1)");
                        tx.beforeCommit(
                            () -> {
                              throw new IllegalStateException("refused at the end");
                            });
                        return null;
                      }))
          .hasMessage("refused at the end");
      store.write(
          tx -> {
            tx.beforeCommit(() -> SqlTx.of(tx).execute("INSERT INTO numbers (n) VALUES (2)"));
            return null;
          });
      List<Integer> kept = numbers(store);

      assertThat(kept).containsExactly(2);
    }
  }

  private static List<Integer> numbers(Store store) {
    return store.read(
        tx ->
            SqlTx.of(tx)
                .createQuery("SELECT n FROM numbers ORDER BY n")
                .mapTo(Integer.class)
                .list());
  }
}
