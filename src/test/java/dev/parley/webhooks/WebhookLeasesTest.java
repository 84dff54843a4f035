package dev.parley.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.app.Parley;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lane's webhooks go out from one node at a time, the one holding the lane's lease: two nodes on
 * one database send each once and in order, and a lane whose holder is gone is taken over once its
 * lease runs out (3 s here), from its oldest pending delivery. The lease is long enough that a live
 * holder renews it in time on a loaded machine, where one group commit can take a second.
 */
class WebhookLeasesTest {
  private static final Duration LEASE = Duration.ofSeconds(3);

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(40)), null, LEASE));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  @PostgresqlOnly
  void two_nodes_deliver_every_webhook_once_in_order_under_concurrent_posts() throws Exception {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    try (Parley other = server.startAnotherNode()) {
      List<String> conversations =
          IntStream.range(0, 8)
              .mapToObj(i -> fixtures.conversationCalling(receiver.url("/both/" + i), "POST"))
              .toList();
      ExecutorService posters = Executors.newFixedThreadPool(8);
      List<Future<?>> posts = new ArrayList<>();

      for (int n = 0; n < 15; n++) {
        for (int c = 0; c < conversations.size(); c++) {
          String conversation = conversations.get(c);
          int port = (n + c) % 2 == 0 ? server.port() : other.port();
          String body = "message " + n;
          posts.add(posters.submit(() -> post(port, conversation, body)));
        }
      }
      for (Future<?> post : posts) {
        post.get();
      }
      posters.shutdown();

      await().atMost(Duration.ofSeconds(20)).until(() -> delivered("/both/") == posts.size());
      for (int c = 0; c < conversations.size(); c++) {
        assertThat(receiver.received("/both/" + c).stream().map(r -> r.param("Index")))
            .containsExactlyElementsOf(IntStream.range(0, 15).mapToObj(Integer::toString).toList());
      }
    }
  }

  @Test
  void a_lane_held_by_a_dead_node_is_delivered_once_its_lease_runs_out() throws Exception {
    String conversation = fixtures.conversationCalling(receiver.url("/orphan"), "POST");
    fixtures.post(conversation, "first");
    receiver.awaitAll(r -> r.path().equals("/orphan"), 1);
    String lane = laneOf(fixtures.deliveries(conversation).getString("deliveries[0].sid"));
    await().atMost(Duration.ofSeconds(5)).until(() -> !leased(lane));
    long leaseRunsOut = server.clock().millis() + 1_500;
    holdAsDeadNode(lane, leaseRunsOut);

    fixtures.post(conversation, "second");

    List<Received> calls = receiver.awaitAll(r -> r.path().equals("/orphan"), 2);
    assertThat(server.clock().millis()).isGreaterThanOrEqualTo(leaseRunsOut);
    assertThat(calls).extracting(r -> r.param("Body")).containsExactly("first", "second");
  }

  @Test
  @PostgresqlOnly
  void a_stopped_nodes_unanswered_delivery_is_sent_again_by_the_other_then_the_rest_in_order()
      throws Exception {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    receiver.hang("/handover");
    String conversation = fixtures.conversationCalling(receiver.url("/handover"), "POST");
    Parley other = server.startAnotherNode();
    try {
      // The lane is the other node's: leased to it before its first delivery is queued.
      holdAs(lane(conversation), other.webhookNode(), server.clock().millis() + 60_000);
      fixtures.post(conversation, "first");
      fixtures.post(conversation, "second");
      receiver.awaitAll(r -> r.path().equals("/handover"), 1);
    } finally {
      other.close();
    }

    receiver.release("/handover");

    List<Received> calls =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> receiver.received("/handover"),
                received -> received.stream().anyMatch(r -> "second".equals(r.param("Body"))));
    assertThat(calls).extracting(r -> r.param("Body")).containsExactly("first", "first", "second");
    assertThat(calls.get(0).header("I-Twilio-Idempotency-Token"))
        .isEqualTo(calls.get(1).header("I-Twilio-Idempotency-Token"));
  }

  private static void post(int port, String conversation, String body) {
    given()
        .baseUri("http://127.0.0.1:" + port)
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  /** The lane of a conversation's one scoped webhook, as the planner names it. */
  private String lane(String conversation) {
    String webhook =
        server
            .api()
            .get("/v1/Conversations/" + conversation + "/Webhooks")
            .then()
            .statusCode(200)
            .extract()
            .path("webhooks[0].sid");
    return "conversation " + webhook + " " + conversation;
  }

  private static long delivered(String pathPrefix) throws SQLException {
    try (Connection db = server.connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'"
                    + " AND url LIKE ?")) {
      query.setString(1, receiver.url(pathPrefix) + "%");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static String laneOf(String deliverySid) throws SQLException {
    try (Connection db = server.connect();
        PreparedStatement query =
            db.prepareStatement("SELECT lane FROM webhook_deliveries WHERE sid = ?")) {
      query.setString(1, deliverySid);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static boolean leased(String lane) throws SQLException {
    try (Connection db = server.connect();
        PreparedStatement query =
            db.prepareStatement("SELECT COUNT(*) FROM webhook_lanes WHERE lane = ?")) {
      query.setString(1, lane);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  /** A lease row as a node that claimed the lane and died would have left it. */
  private static void holdAsDeadNode(String lane, long until) throws SQLException {
    holdAs(lane, "dead-node", until);
  }

  private static void holdAs(String lane, String node, long until) throws SQLException {
    try (Connection db = server.connect();
        PreparedStatement upsert =
            db.prepareStatement(
                "INSERT INTO webhook_lanes (lane, leased_by, lease_until) VALUES (?, ?, ?)"
                    + " ON CONFLICT (lane) DO UPDATE SET leased_by = excluded.leased_by,"
                    + " lease_until = excluded.lease_until")) {
      upsert.setString(1, lane);
      upsert.setString(2, node);
      upsert.setLong(3, until);
      upsert.executeUpdate();
    }
  }
}
