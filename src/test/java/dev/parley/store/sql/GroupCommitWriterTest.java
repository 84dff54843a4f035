package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.testing.SqliteOnly;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
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

  @Test
  void a_job_failing_after_others_of_its_batch_runs_them_again_and_fails_alone() throws Exception {
    try (GroupCommitWriter writer = writer("again.db")) {
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      List<CompletableFuture<Object>> answers =
          oneBatch(writer, List.of(insert("a", runs), failing("b", runs), insert("c", runs)));

      assertThat(answers.get(0).join()).isEqualTo("a");
      assertThat(answers.get(1)).failsWithin(Duration.ofSeconds(10));
      assertThat(answers.get(2).join()).isEqualTo("c");
      assertThat(names(writer)).containsExactly("a", "c");
      // Without savepoints at first; then from the start, one by one, each in its savepoint.
      assertThat(runs.get("a")).hasValue(2);
      assertThat(runs.get("b")).hasValue(2);
    }
  }

  @Test
  void a_job_failing_alone_in_the_transaction_runs_once_and_the_others_go_on() throws Exception {
    try (GroupCommitWriter writer = writer("first.db")) {
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      List<CompletableFuture<Object>> answers =
          oneBatch(writer, List.of(failing("a", runs), insert("b", runs), insert("c", runs)));

      assertThat(answers.get(0)).failsWithin(Duration.ofSeconds(10));
      assertThat(answers.get(2).join()).isEqualTo("c");
      assertThat(names(writer)).containsExactly("b", "c");
      assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }
  }

  @Test
  void after_a_batch_ran_again_batches_go_one_by_one_while_a_job_fails() throws Exception {
    try (GroupCommitWriter writer = writer("next.db")) {
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      oneBatch(writer, List.of(insert("a", runs), failing("b", runs)));

      // The job holding the writer is a batch of its own, and fails too.
      List<CompletableFuture<Object>> answers =
          oneBatch(writer, List.of(insert("c", runs), failing("d", runs), insert("e", runs)), true);

      assertThat(answers.get(2).join()).isEqualTo("e");
      assertThat(answers.get(1)).failsWithin(Duration.ofSeconds(10));
      assertThat(names(writer)).containsExactly("a", "c", "e");
      assertThat(runs.get("c")).hasValue(1);
      assertThat(runs.get("d")).hasValue(1);
    }
  }

  private GroupCommitWriter writer(String file) {
    GroupCommitWriter writer =
        new GroupCommitWriter(Jdbi.create("jdbc:sqlite:" + dir.resolve(file)), new SharedReads());
    writer.submit(tx -> SqlTx.of(tx).execute("CREATE TABLE names (name TEXT NOT NULL)"));
    return writer;
  }

  private static Function<Tx, Object> insert(String name, Map<String, AtomicInteger> runs) {
    return tx -> {
      runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      SqlTx.of(tx).execute("INSERT INTO names (name) VALUES (?)", name);
      return name;
    };
  }

  private static Function<Tx, Object> failing(String name, Map<String, AtomicInteger> runs) {
    return tx -> {
      insert(name, runs).apply(tx);
      throw new IllegalArgumentException("refused " + name);
    };
  }

  /**
   * Submits {@code jobs} in order while the writer is held by a job of its own, so that they wait
   * and run as one batch once it lets go; gives their answers.
   */
  private static List<CompletableFuture<Object>> oneBatch(
      GroupCommitWriter writer, List<Function<Tx, Object>> jobs) throws Exception {
    return oneBatch(writer, jobs, false);
  }

  /** {@link #oneBatch}; the job holding the writer fails when {@code holderFails}. */
  private static List<CompletableFuture<Object>> oneBatch(
      GroupCommitWriter writer, List<Function<Tx, Object>> jobs, boolean holderFails)
      throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(jobs.size() + 1);
    try {
      CompletableFuture<Object> held =
          CompletableFuture.supplyAsync(
              () ->
                  writer.submit(
                      tx -> {
                        holding.countDown();
                        await(release);
                        if (holderFails) {
                          throw new IllegalStateException("refused holder");
                        }
                        return null;
                      }),
              callers);
      await(holding);
      List<CompletableFuture<Object>> answers = new ArrayList<>();
      for (Function<Tx, Object> job : jobs) {
        int before = writer.queued();
        answers.add(CompletableFuture.supplyAsync(() -> writer.submit(job), callers));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.queued() == before && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      }
      release.countDown();
      held.handle((v, e) -> v).join();
      answers.forEach(answer -> answer.handle((v, e) -> v).join());
      return answers;
    } finally {
      callers.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(GroupCommitWriter writer) {
    return writer.submit(
        tx ->
            SqlTx.of(tx)
                .createQuery("SELECT name FROM names ORDER BY name")
                .mapTo(String.class)
                .list());
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
