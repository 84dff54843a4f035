package dev.parley.store.sql;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.EventRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL writer sends the statements of the jobs of its batch that sent nothing while they
 * ran together, the same INSERT of each job merged into one ({@link BatchedJobs}), and sends them
 * job by job again when that fails: each job still commits or fails alone, its events numbered once
 * each. The writes here are lined up behind writers kept busy, so that one writer takes them as one
 * batch.
 */
@PostgresqlOnly
class BatchedJobsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static PostgresStore store;
  private static String service;

  @BeforeAll
  static void openStore() {
    assumeTrue(server.onPostgres(), "the writers' batches are PostgreSQL's");
    store = PostgresStore.open(server.databaseUrl(), 8);
    service = ParleyServer.defaultChatServiceSid(store);
  }

  @AfterAll
  static void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void jobs_that_only_hold_rows_are_written_as_one_without_a_savepoint_each() throws Exception {
    List<UserRecord> users = new ArrayList<>();
    List<Function<Tx, Object>> works = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      UserRecord user = user("merged-" + i);
      users.add(user);
      works.add(tx -> insert(tx, user));
    }

    List<Future<Object>> writes = inOneBatch(works);

    for (Future<Object> write : writes) {
      write.get();
    }
    // Each job in a savepoint of its own writes its rows under a subtransaction id of its own.
    assertThat(transactionIds(users)).isNotEmpty().hasSizeLessThanOrEqualTo(users.size() / 2);
  }

  @Test
  void a_merged_job_whose_row_breaks_a_unique_key_fails_alone() throws Exception {
    UserRecord taken = user("taken");
    store.write(tx -> insert(tx, taken));
    List<UserRecord> users = new ArrayList<>();
    List<Boolean> failing = new ArrayList<>();
    List<Function<Tx, Object>> works = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // The 6th takes a committed user's identity; the 16th the identity the 13th takes before it.
      UserRecord user =
          i == 5 ? sameIdentity(taken) : i == 15 ? sameIdentity(users.get(12)) : user("ok-" + i);
      users.add(user);
      failing.add(i == 5 || i == 15);
      works.add(tx -> insert(tx, user));
    }

    List<Future<Object>> writes = inOneBatch(works);

    for (int i = 0; i < writes.size(); i++) {
      if (failing.get(i)) {
        assertThatThrownBy(writes.get(i)::get).isInstanceOf(ExecutionException.class);
      } else {
        writes.get(i).get();
      }
    }
    for (int i = 0; i < users.size(); i++) {
      UserRecord user = users.get(i);
      var stored = store.read(tx -> store.users().find(tx, service, user.sid()));
      assertThat(stored.isPresent()).as(user.identity()).isEqualTo(!failing.get(i));
    }
  }

  @Test
  void events_of_a_merged_batch_are_numbered_once_each_and_a_turn_in_its_jobs_order()
      throws Exception {
    List<UserRecord> users = new ArrayList<>();
    List<Function<Tx, Object>> works = new ArrayList<>();
    String shared = "US" + UUID.randomUUID().toString().replace("-", "");
    for (int i = 0; i < 24; i++) {
      UserRecord user = user("evented-" + i);
      users.add(user);
      // Every fourth job appends to one turn they share; the others each to a turn of their own.
      String turn = i % 4 == 0 ? shared : user.sid();
      works.add(
          tx -> {
            insert(tx, user);
            // Numbers read after the commit: asking for one in the job would send its statements.
            return new LongSupplier[] {
              store.events().append(tx, event(user.identity() + " 1"), turn),
              store.events().append(tx, event(user.identity() + " 2"), turn)
            };
          });
    }

    List<Future<Object>> writes = inOneBatch(works);

    Set<Long> numbers = new HashSet<>();
    List<long[]> sharedTurn = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      LongSupplier[] numbered = (LongSupplier[]) writes.get(i).get();
      long[] pair = {numbered[0].getAsLong(), numbered[1].getAsLong()};
      assertThat(pair[1]).isGreaterThan(pair[0]);
      for (int k = 0; k < 2; k++) {
        long seq = pair[k];
        assertThat(numbers.add(seq)).as("seq %d given once", seq).isTrue();
        var stored = store.read(tx -> store.events().find(tx, seq));
        assertThat(stored)
            .map(EventRecord::params)
            .contains(users.get(i).identity() + " " + (k + 1));
      }
      if (i % 4 == 0) {
        sharedTurn.add(pair);
      }
    }
    sharedTurn.sort((a, b) -> Long.compare(a[0], b[0]));
    for (int i = 1; i < sharedTurn.size(); i++) {
      // One job's events of a turn are not interleaved with another's.
      assertThat(sharedTurn.get(i)[0]).isGreaterThan(sharedTurn.get(i - 1)[1]);
    }
    assertThat(transactionIds(users)).isNotEmpty().hasSizeLessThanOrEqualTo(users.size() / 2);
  }

  @Test
  void a_batch_mixing_jobs_that_read_and_jobs_that_only_hold_commits_each() throws Exception {
    UserRecord taken = user("taken-mixed");
    store.write(tx -> insert(tx, taken));
    List<UserRecord> users = new ArrayList<>();
    List<Boolean> failing = new ArrayList<>();
    List<Function<Tx, Object>> works = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      UserRecord user = i == 7 ? sameIdentity(taken) : user("mixed-" + i);
      UserRecord second = user("mixed-second-" + i);
      users.add(user);
      failing.add(i == 7 || i == 11);
      int kind = i % 3;
      boolean throwing = i == 11;
      works.add(
          tx -> {
            insert(tx, user);
            if (kind == 1) {
              // Reads in the middle: sends what it and the jobs before it hold.
              assertThat(store.users().find(tx, service, user.sid())).isPresent();
            }
            if (kind == 2) {
              insert(tx, second);
              store.events().append(tx, event(user.identity()), user.sid());
            }
            if (throwing) {
              throw new IllegalArgumentException("refused after holding a row");
            }
            return null;
          });
    }

    List<Future<Object>> writes = inOneBatch(works);

    for (int i = 0; i < writes.size(); i++) {
      if (failing.get(i)) {
        assertThatThrownBy(writes.get(i)::get).isInstanceOf(ExecutionException.class);
      } else {
        writes.get(i).get();
      }
      UserRecord user = users.get(i);
      var stored = store.read(tx -> store.users().find(tx, service, user.sid()));
      assertThat(stored.isPresent()).as(user.identity()).isEqualTo(!failing.get(i));
    }
  }

  @Test
  void every_later_job_of_a_batch_waits_for_locks_a_bounded_time_though_it_is_set_once()
      throws Exception {
    UserRecord taken = user("taken-lock-wait");
    store.write(tx -> insert(tx, taken));
    List<Function<Tx, Object>> works = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // A job that only holds a row and fails (rolled back to the merged jobs' savepoint), one
      // that reads and throws (rolled back to its own), one that only holds a row.
      UserRecord user = i == 1 ? sameIdentity(taken) : user("lock-wait-" + i);
      boolean holding = i == 1 || i == 7;
      boolean throwing = i == 4;
      works.add(
          tx -> {
            if (holding) {
              return insert(tx, user);
            }
            String lockWait =
                SqlTx.of(tx).createQuery("SHOW lock_timeout").mapTo(String.class).one();
            if (throwing) {
              throw new IllegalArgumentException("refused after reading");
            }
            return lockWait;
          });
    }

    List<Future<Object>> writes = inOneBatch(works);

    assertThat(writes.get(0).get()).as("the batch's first job").isEqualTo("0");
    assertThatThrownBy(writes.get(1)::get).isInstanceOf(ExecutionException.class);
    assertThatThrownBy(writes.get(4)::get).hasCauseInstanceOf(IllegalArgumentException.class);
    for (int i = 2; i < writes.size(); i++) {
      if (i != 4 && i != 7) {
        assertThat(writes.get(i).get()).as("job " + i).isEqualTo(PostgresGroupCommit.LOCK_WAIT);
      }
    }
  }

  /**
   * Runs {@code works} once every writer is busy with a write that waits, so that they queue in
   * their order and the first writer set free takes them all as one batch.
   */
  private static List<Future<Object>> inOneBatch(List<Function<Tx, Object>> works)
      throws Exception {
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
    List<Future<Object>> writes = new ArrayList<>();
    for (Function<Tx, Object> work : works) {
      writes.add(threads.submit(() -> store.write(work)));
      // Each write queued before the next is submitted: the batch runs them in the list's order.
      int queued = writes.size();
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(30))
          .until(() -> store.queuedWrites() == queued);
    }
    release.countDown();
    for (Future<?> write : busy) {
      write.get();
    }
    threads.shutdown();
    return writes;
  }

  private static Object insert(Tx tx, UserRecord user) {
    store.users().insert(tx, user);
    return null;
  }

  /** The transaction ids (subtransactions' own) under which {@code users}' rows were written. */
  private static Set<String> transactionIds(List<UserRecord> users) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection admin = server.connect();
        PreparedStatement query =
            admin.prepareStatement("SELECT xmin::text FROM users WHERE sid = ANY (?)")) {
      query.setArray(1, admin.createArrayOf("text", users.stream().map(UserRecord::sid).toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static UserRecord user(String name) {
    String hex = UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now();
    return new UserRecord(
        "US" + hex,
        ParleyServer.ACCOUNT_SID,
        service,
        name + "-" + hex,
        null,
        "{}",
        null,
        now,
        now);
  }

  private static UserRecord sameIdentity(UserRecord taken) {
    UserRecord other = user("collides");
    return new UserRecord(
        other.sid(),
        taken.accountSid(),
        taken.serviceSid(),
        taken.identity(),
        null,
        "{}",
        null,
        other.dateCreated(),
        other.dateUpdated());
  }

  private static EventRecord event(String params) {
    return new EventRecord(
        0,
        ParleyServer.ACCOUNT_SID,
        service,
        null,
        "onUserAdded",
        "API",
        null,
        params,
        Instant.now());
  }
}
