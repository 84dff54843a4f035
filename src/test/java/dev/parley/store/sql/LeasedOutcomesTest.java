package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The delivery engine's outcomes saved together, as PostgreSQL does in one statement of arrays:
 * each is written only while its node holds its lane, with its attempt, and the answer says which
 * were written, position by position, as the outcomes saved one by one would.
 */
@PostgresqlOnly
class LeasedOutcomesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String ACCOUNT = ParleyServer.ACCOUNT_SID;
  private static final Instant NOW = Instant.parse("2026-12-07T20:00:00Z");
  // Far past any real clock the test runs on: the server's engine claims lanes whose lease ended
  // by the real time (an hour after NOW made the test fail on any run after 21:00 UTC that day).
  private static final long FAR = Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();

  private PostgresStore store;

  @BeforeEach
  void open() {
    assumeTrue(server.onPostgres(), "the outcomes' arrays are PostgreSQL's");
    store = PostgresStore.open(server.databaseUrl(), 5);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void outcomes_saved_together_write_only_those_whose_lane_the_node_holds() throws Exception {
    // Lanes leased far ahead to nodes of this test: the server's own engine leaves them alone.
    holdLane("outcomes-mine", "node-a");
    holdLane("outcomes-theirs", "node-b");
    long event = insertEvent();
    DeliveryRecord delivered = insertDelivery("WDoutcomes1", event, "outcomes-mine");
    DeliveryRecord retried = insertDelivery("WDoutcomes2", event, "outcomes-mine");
    DeliveryRecord taken = insertDelivery("WDoutcomes3", event, "outcomes-theirs");

    List<DeliveryRecord> outcomes =
        List.of(
            outcome(delivered, "delivered", null, 200, null),
            outcome(retried, "pending", NOW.plusSeconds(60), null, "refused"),
            outcome(taken, "delivered", null, 200, null));
    List<AttemptRecord> attempts =
        Arrays.asList(
            new AttemptRecord(delivered.seq(), 1, 200, null, 12, NOW),
            null,
            new AttemptRecord(taken.seq(), 1, 200, null, 7, NOW));

    boolean[] kept =
        store.write(
            tx -> store.deliveries().recordLeasedOutcomes(tx, "node-a", outcomes, attempts));

    assertThat(kept).containsExactly(true, true, false);
    DeliveryRecord first = find("WDoutcomes1");
    assertThat(first.status()).isEqualTo("delivered");
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.lastStatusCode()).isEqualTo(200);
    assertThat(first.lastLatencyMs()).isEqualTo(12);
    assertThat(first.dateUpdated()).isEqualTo(NOW);
    DeliveryRecord second = find("WDoutcomes2");
    assertThat(second.status()).isEqualTo("pending");
    assertThat(second.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(second.lastError()).isEqualTo("refused");
    assertThat(second.lastStatusCode()).isNull();
    assertThat(find("WDoutcomes3").status()).isEqualTo("pending");
    assertThat(attempts(delivered.seq()))
        .containsExactly(new AttemptRecord(delivered.seq(), 1, 200, null, 12, NOW));
    assertThat(attempts(retried.seq())).isEmpty();
    assertThat(attempts(taken.seq())).isEmpty();
  }

  private static DeliveryRecord outcome(
      DeliveryRecord d, String status, Instant next, Integer code, String error) {
    return d.settled(status, d.attempts() + 1, next, code, error, code == null ? null : 12, NOW, 0);
  }

  private DeliveryRecord find(String sid) {
    return store.read(tx -> store.deliveries().find(tx, ACCOUNT, sid)).orElseThrow();
  }

  private List<AttemptRecord> attempts(long seq) {
    return store.read(tx -> store.deliveries().attempts(tx, seq));
  }

  private static void holdLane(String lane, String node) throws Exception {
    try (Connection db = server.connect();
        Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO webhook_lanes (lane, leased_by, lease_until) VALUES ('"
              + lane
              + "', '"
              + node
              + "', "
              + FAR
              + ")");
    }
  }

  private static long insertEvent() throws Exception {
    try (Connection db = server.connect();
        Statement s = db.createStatement();
        ResultSet rows =
            s.executeQuery(
                "INSERT INTO events (account_sid, type, source, params, date_created) VALUES ('"
                    + ACCOUNT
                    + "', 'onMessageAdded', 'api', '{}', 0) RETURNING seq")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private DeliveryRecord insertDelivery(String sid, long event, String lane) throws Exception {
    try (Connection db = server.connect();
        Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO webhook_deliveries (sid, account_sid, event_seq, lane, kind, url, method,"
              + " status, date_created, date_updated) VALUES ('"
              + sid
              + "', '"
              + ACCOUNT
              + "', "
              + event
              + ", '"
              + lane
              + "', 'account', 'http://127.0.0.1:9/', 'POST', 'pending', 0, 0)");
    }
    return find(sid);
  }
}
