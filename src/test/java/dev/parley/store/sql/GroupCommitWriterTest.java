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

  @Test
  void each_caller_is_answered_with_its_own_value_once_its_commit_is_readable() {
    // Callers are answered by the replies thread, not the writer: each still gets its own value,
    // and only once its batch is committed (a read right after the answer sees its row).
    ExecutorService callers = Executors.newFixedThreadPool(32);
    try (Store store = SqliteStore.open(dir.resolve("answers.db"))) {
      store.write(tx -> SqlTx.of(tx).execute("CREATE TABLE numbers (n INTEGER NOT NULL)"));
      List<CompletableFuture<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        int n = i;
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  int answer =
                      store.write(
                          tx -> {
                            SqlTx.of(tx).execute("INSERT INTO numbers (n) VALUES (?)", n);
                            return n;
                          });
                  return answer == n && count(store, n) == 1;
                },
                callers));
      }

      assertThat(answers).allMatch(CompletableFuture::join);
      assertThat(numbers(store)).hasSize(500);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void closing_answers_every_caller_whose_write_was_queued() {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    try (Store store = SqliteStore.open(dir.resolve("closing.db"))) {
      store.write(tx -> SqlTx.of(tx).execute("CREATE TABLE numbers (n INTEGER NOT NULL)"));
      for (int i = 0; i < 200; i++) {
        int n = i;
        answers.add(
            CompletableFuture.supplyAsync(
                () ->
                    store.write(
                        tx -> {
                          SqlTx.of(tx).execute("INSERT INTO numbers (n) VALUES (?)", n);
                          return n;
                        }),
                callers));
      }
    } finally {
      callers.shutdown();
    }

    // Each is answered, by its value or by the store being closed: none waits forever.
    assertThat(answers)
        .allSatisfy(
            answer ->
                assertThat(answer.handle((v, e) -> true))
                    .succeedsWithin(java.time.Duration.ofSeconds(20)));
  }

  private static int count(Store store, int n) {
    return store.read(
        tx ->
            SqlTx.of(tx)
                .createQuery("SELECT COUNT(*) FROM numbers WHERE n = :n")
                .bind("n", n)
                .mapTo(Integer.class)
                .one());
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
