package dev.parley.store.sql;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.store.ConversationStore.IndexWanted;
import dev.parley.store.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Lines writes up behind a PostgreSQL store's writers, kept busy, so that one writer takes them as
 * one batch, in the list's order.
 */
final class OneBatch {
  private OneBatch() {}

  /** A write, and the message index it takes first (or null). */
  record Write(IndexWanted wanted, Function<Tx, Object> work) {}

  static List<Future<Object>> run(PostgresStore store, List<Write> writes) throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool();
    CountDownLatch release = new CountDownLatch(1);
    List<Future<?>> busy = new ArrayList<>();
    for (int i = 0; i < PostgresStore.WRITERS; i++) {
      CountDownLatch started = new CountDownLatch(1);
      busy.add(
          threads.submit(
              () ->
                  store.write(
                      tx -> {
                        started.countDown();
                        try {
                          return release.await(30, SECONDS);
                        } catch (InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                      })));
      assertThat(started.await(30, SECONDS)).isTrue();
    }
    List<Future<Object>> results = new ArrayList<>();
    for (Write write : writes) {
      results.add(
          threads.submit(
              () ->
                  write.wanted() == null
                      ? store.write(write.work())
                      : store.write(write.wanted(), write.work())));
      int queued = results.size();
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(30))
          .until(() -> store.queuedWrites() == queued);
    }
    release.countDown();
    for (Future<?> b : busy) {
      b.get();
    }
    threads.shutdown();
    return results;
  }
}
