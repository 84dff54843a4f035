package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.EventRecord;
import dev.parley.store.UserRecord;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL writer holds back the statements nobody reads and sends them with the next one
 * ({@link Pipeline}): a write still reads what it wrote, and a held statement that fails, or a
 * write that throws after holding some, takes back only that write, whatever its place in the
 * writer's batch.
 */
@PostgresqlOnly
class PipelineTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static PostgresStore store;
  private static String service;

  @BeforeAll
  static void openStore() {
    assumeTrue(server.onPostgres(), "the pipeline is PostgreSQL's");
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
  void a_write_reads_the_rows_it_held_back() {
    UserRecord user = user("held-then-read");

    var found =
        store.write(
            tx -> {
              store.users().insert(tx, user);
              return store.users().findByIdentity(tx, service, user.identity());
            });

    assertThat(found).map(UserRecord::sid).contains(user.sid());
  }

  @Test
  void an_events_number_held_back_is_given_when_asked_and_is_the_stored_rows() {
    UserRecord user = user("evented");

    long[] numbers =
        store.write(
            tx -> {
              store.users().insert(tx, user);
              var first = store.events().append(tx, event("onUserAdded"), user.sid());
              var second = store.events().append(tx, event("onUserUpdated"), user.sid());
              return new long[] {first.getAsLong(), second.getAsLong()};
            });

    assertThat(numbers[1]).isGreaterThan(numbers[0]);
    Optional<EventRecord> first = store.read(tx -> store.events().find(tx, numbers[0]));
    Optional<EventRecord> second = store.read(tx -> store.events().find(tx, numbers[1]));
    assertThat(first).map(EventRecord::type).contains("onUserAdded");
    assertThat(second).map(EventRecord::type).contains("onUserUpdated");
  }

  @Test
  void a_held_insert_that_fails_takes_back_its_own_write_only() throws Exception {
    UserRecord taken = user("taken");
    store.write(
        tx -> {
          store.users().insert(tx, taken);
          return null;
        });
    List<UserRecord> firsts = new ArrayList<>();
    List<Boolean> colliding = new ArrayList<>();
    List<Future<Object>> writes = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(16);
    for (int i = 0; i < 96; i++) {
      UserRecord first = user("first-" + i);
      boolean collides = i % 7 == 3;
      firsts.add(first);
      colliding.add(collides);
      writes.add(
          writers.submit(
              () ->
                  store.write(
                      tx -> {
                        store.users().insert(tx, first);
                        // The same SID as a committed user: its primary key refuses it.
                        store.users().insert(tx, collides ? sameSid(taken) : user("second"));
                        return null;
                      })));
    }
    writers.shutdown();

    for (int i = 0; i < writes.size(); i++) {
      Future<Object> write = writes.get(i);
      if (colliding.get(i)) {
        assertThatThrownBy(write::get).isInstanceOf(ExecutionException.class);
      } else {
        write.get();
      }
    }
    for (int i = 0; i < firsts.size(); i++) {
      UserRecord first = firsts.get(i);
      var stored = store.read(tx -> store.users().findByIdentity(tx, service, first.identity()));
      assertThat(stored.isPresent()).as(first.identity()).isEqualTo(!colliding.get(i));
    }
  }

  @Test
  void a_write_that_throws_after_holding_rows_leaves_none_and_its_batch_commits() throws Exception {
    List<UserRecord> users = new ArrayList<>();
    List<Future<Object>> writes = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(16);
    for (int i = 0; i < 64; i++) {
      UserRecord user = user("thrown-" + i);
      boolean throwing = i % 5 == 1;
      users.add(user);
      writes.add(
          writers.submit(
              () ->
                  store.write(
                      tx -> {
                        store.users().insert(tx, user);
                        if (throwing) {
                          throw new IllegalArgumentException("refused after holding a row");
                        }
                        return null;
                      })));
    }
    writers.shutdown();

    for (int i = 0; i < writes.size(); i++) {
      boolean threw = i % 5 == 1;
      Future<Object> write = writes.get(i);
      if (threw) {
        assertThatThrownBy(write::get).hasCauseInstanceOf(IllegalArgumentException.class);
      } else {
        write.get();
      }
      UserRecord user = users.get(i);
      var stored = store.read(tx -> store.users().findByIdentity(tx, service, user.identity()));
      assertThat(stored.isPresent()).as(user.identity()).isEqualTo(!threw);
    }
  }

  @Test
  void batches_whose_commits_wait_for_a_lock_commit_every_write() throws Exception {
    // Each commit takes a lock and holds it 50 ms (a deferred trigger), as PostgreSQL's own lock
    // for the commits of transactions that NOTIFY is taken at commit: a batch's lock wait for its
    // later jobs must not cut the commit's wait short.
    try (Connection admin = server.connect();
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE TABLE commit_probe (id TEXT)");
      sql.execute(
          "CREATE FUNCTION commit_probe_lock() RETURNS trigger LANGUAGE plpgsql AS"
              + " $$ BEGIN PERFORM pg_advisory_xact_lock(42); PERFORM pg_sleep(0.05);"
              + " RETURN NULL; END $$");
      sql.execute(
          "CREATE CONSTRAINT TRIGGER commit_probe_lock AFTER INSERT ON commit_probe"
              + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION commit_probe_lock()");
    }
    List<Future<Object>> writes = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(48);
    for (int i = 0; i < 48; i++) {
      String id = "probe-" + i;
      writes.add(
          writers.submit(
              () ->
                  store.write(
                      tx -> {
                        SqlTx.of(tx).execute("INSERT INTO commit_probe VALUES (?)", id);
                        return null;
                      })));
    }
    writers.shutdown();

    for (Future<Object> write : writes) {
      write.get();
    }
    try (Connection admin = server.connect();
        Statement sql = admin.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(*) FROM commit_probe")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(48);
    }
  }

  @Test
  void a_row_held_just_before_its_turns_event_goes_in_the_events_statement_and_both_are_written() {
    UserRecord user = user("folded");
    List<Pipeline.Held> held = new ArrayList<>();

    long seq =
        store.write(
            tx -> {
              store.users().insert(tx, user);
              LongSupplier number = store.events().append(tx, event("onUserAdded"), user.sid());
              Pipeline pipeline = Pipeline.of(SqlTx.of(tx));
              held.addAll(pipeline.take());
              held.forEach(pipeline::hold);
              return number.getAsLong();
            });

    assertThat(held).hasSize(2);
    assertThat(Pipeline.folded(held)).hasSize(1);
    assertThat(Pipeline.folded(held).get(0).sql())
        .startsWith("WITH held_row AS (INSERT INTO users ");
    Optional<UserRecord> stored =
        store.read(tx -> store.users().findByIdentity(tx, service, user.identity()));
    Optional<EventRecord> event = store.read(tx -> store.events().find(tx, seq));
    assertThat(stored).isPresent();
    assertThat(event).map(EventRecord::type).contains("onUserAdded");
  }

  @Test
  void a_row_that_fails_in_its_events_statement_takes_the_event_back_with_its_write() {
    UserRecord taken = user("taken-folded");
    store.write(
        tx -> {
          store.users().insert(tx, taken);
          return null;
        });
    String params = "{\"folded\":\"" + UUID.randomUUID() + "\"}";

    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      store.users().insert(tx, sameSid(taken));
                      EventRecord e = event("onUserAdded");
                      return store
                          .events()
                          .append(
                              tx,
                              new EventRecord(
                                  0,
                                  e.accountSid(),
                                  e.serviceSid(),
                                  null,
                                  e.type(),
                                  e.source(),
                                  null,
                                  params,
                                  e.dateCreated()),
                              taken.sid())
                          .getAsLong();
                    }))
        .isInstanceOf(RuntimeException.class);

    try (Connection admin = server.connect();
        Statement sql = admin.createStatement();
        ResultSet rows =
            sql.executeQuery("SELECT count(*) FROM events WHERE params = '" + params + "'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
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

  private static EventRecord event(String type) {
    return new EventRecord(
        0, ParleyServer.ACCOUNT_SID, service, null, type, "API", null, "{}", Instant.now());
  }

  private static UserRecord sameSid(UserRecord taken) {
    UserRecord other = user("collides");
    return new UserRecord(
        taken.sid(),
        other.accountSid(),
        other.serviceSid(),
        other.identity(),
        null,
        "{}",
        null,
        other.dateCreated(),
        other.dateUpdated());
  }
}
