package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.addedText;
import static dev.parley.testing.SyncSteps.eventType;
import static dev.parley.testing.SyncSteps.get;
import static dev.parley.testing.SyncSteps.messagesList;
import static dev.parley.testing.SyncSteps.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.app.Parley;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import dev.parley.testing.TwilsockClient;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Parley nodes on one PostgreSQL database are one service: a change made through one reaches
 * the realtime clients connected to the other, and a timer fires once, whichever node sweeps. (Runs
 * when the suite runs on PostgreSQL.)
 */
@PostgresqlOnly
class TwoNodesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);

  private static final int POSTS_PER_NODE = 60;

  private static Parley other;
  private static Tokens tokens;

  @BeforeAll
  static void secondNode() {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    other = server.startAnotherNode();
    tokens = Tokens.of(server);
  }

  @AfterAll
  static void stopSecondNode() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void a_message_posted_on_one_node_reaches_a_client_on_the_other() {
    String conversation = fixtures.conversationWith("ann", "bob");
    try (TwilsockClient ann = TwilsockClient.connect(other.port())) {
      ann.init(tokens.token("ann"));
      String messages = messagesList(ann, tokens.serviceSid(), "ann", conversation);
      subscribe(
          ann, messages, "list", get(ann, "/v3/Lists/" + messages).path("last_event_id").asLong());

      fixtures.post(conversation, "from node one");

      TwilsockFrame added = ann.await(frame -> addedText(frame).equals("from node one"));
      assertThat(added.header().path("message_type").asText()).isEqualTo("com.twilio.rtd.cds.list");
    }
  }

  @Test
  void posts_through_both_nodes_at_once_reach_a_client_on_each_once_with_their_stored_event_ids()
      throws Exception {
    String conversation = fixtures.conversationWith("eve", "fay");
    fixtures.post(conversation, "first"); // makes the conversation's Sync objects
    try (TwilsockClient eve = TwilsockClient.connect(server.port());
        TwilsockClient fay = TwilsockClient.connect(other.port())) {
      eve.init(tokens.token("eve"));
      fay.init(tokens.token("fay"));
      String messages = messagesList(eve, tokens.serviceSid(), "eve", conversation);
      for (TwilsockClient client : List.of(eve, fay)) {
        long from = get(client, "/v3/Lists/" + messages).path("last_event_id").asLong();
        subscribe(client, messages, "list", from);
      }

      postThroughBothNodes(conversation, POSTS_PER_NODE);

      // Each message's item took the list's next event id: one each, in index order, and the
      // broadcast of each carries the id its item was stored with.
      Map<Long, Long> stored = itemEventIds(messages);
      assertThat(stored).hasSize(2 * POSTS_PER_NODE + 1);
      List<Long> inIndexOrder = new ArrayList<>(new TreeMap<>(stored).values());
      for (int i = 1; i < inIndexOrder.size(); i++) {
        assertThat(inIndexOrder.get(i)).isEqualTo(inIndexOrder.get(i - 1) + 1);
      }
      Map<Long, Long> told = new HashMap<>(stored);
      told.remove(0L); // the first message came before the subscriptions
      for (TwilsockClient client : List.of(eve, fay)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> itemsAdded(client, messages).size() >= 2 * POSTS_PER_NODE);
        List<long[]> added = itemsAdded(client, messages);
        Map<Long, Long> heard = new HashMap<>();
        added.forEach(item -> heard.put(item[0], item[1]));
        assertThat(added).hasSize(2 * POSTS_PER_NODE);
        assertThat(heard).isEqualTo(told);
      }
    }
  }

  /** Posts {@code perNode} messages through each node, all at once. */
  private static void postThroughBothNodes(String conversation, int perNode) throws Exception {
    ExecutorService posters = Executors.newFixedThreadPool(16);
    List<Future<Integer>> posted = new ArrayList<>();
    String otherNode = "http://127.0.0.1:" + other.port();
    for (int i = 0; i < perNode; i++) {
      String body = "m" + i;
      posted.add(posters.submit(() -> post(server.api(), conversation, "one " + body)));
      posted.add(
          posters.submit(() -> post(server.api().baseUri(otherNode), conversation, "two " + body)));
    }
    for (Future<Integer> status : posted) {
      assertThat(status.get()).isEqualTo(201);
    }
    posters.shutdown();
  }

  private static int post(RequestSpecification node, String conversation, String body) {
    return node.formParam("Author", "eve")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .statusCode();
  }

  /** The list items a client was told were added: each an index and the event id. */
  private static List<long[]> itemsAdded(TwilsockClient client, String list) {
    return client.frames().stream()
        .filter(frame -> eventType(frame).equals("list_item_added"))
        .map(frame -> TwilsockClient.body(frame).path("event"))
        .filter(event -> event.path("list_sid").asText().equals(list))
        .map(event -> new long[] {event.path("item_index").asLong(), event.path("id").asLong()})
        .toList();
  }

  /** The stored items of a list: index to the id of the event that added it. */
  private static Map<Long, Long> itemEventIds(String list) throws Exception {
    Map<Long, Long> ids = new HashMap<>();
    try (Connection db = server.connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT item_index, created_event_id, last_event_id FROM sync_items"
                    + " WHERE object_sid = ?")) {
      query.setString(1, list);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          assertThat(rows.getLong(3)).isEqualTo(rows.getLong(2));
          ids.put(rows.getLong(1), rows.getLong(2));
        }
      }
    }
    return ids;
  }

  @Test
  void deleting_a_key_on_one_node_ends_its_connections_on_the_other() {
    Tokens deleted = Tokens.of(server);
    try (TwilsockClient ann = TwilsockClient.connect(other.port())) {
      ann.init(deleted.token("ann-revoked"));

      server
          .api()
          .delete(
              "/2010-04-01/Accounts/"
                  + ParleyServer.ACCOUNT_SID
                  + "/Keys/"
                  + deleted.keySid()
                  + ".json")
          .then()
          .statusCode(204);

      assertThat(RealtimeRevocationTest.closeStatus(ann).path("errorCode").intValue())
          .isEqualTo(20103);
    }
  }

  @Test
  void typing_on_one_node_is_shown_to_a_client_on_the_other() {
    String conversation = fixtures.conversationWith("cai", "dee");
    try (TwilsockClient cai = TwilsockClient.connect(server.port());
        TwilsockClient dee = TwilsockClient.connect(other.port())) {
      cai.init(tokens.token("cai"));
      dee.init(tokens.token("dee"));

      cai.awaitReply(
          cai.request(
              "POST",
              "/Client/v2/Services/" + tokens.serviceSid() + "/Typing",
              null,
              "ChannelSid=" + conversation));

      TwilsockFrame typing =
          dee.await(
              frame ->
                  "twilio.ipmsg.typing_indicator"
                      .equals(frame.header().path("message_type").asText()));
      assertThat(TwilsockClient.body(typing).path("identity").asText()).isEqualTo("cai");
    }
  }

  @Test
  void a_due_timer_fires_once_though_both_nodes_sweep() throws Exception {
    // Enough due conversations that the two nodes' sweeps overlap (without the lock they did).
    ExecutorService creators = Executors.newFixedThreadPool(16);
    List<Future<String>> created = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      created.add(creators.submit(TwoNodesTest::conversationWithInactiveTimer));
    }
    List<String> sids = new ArrayList<>();
    for (Future<String> sid : created) {
      sids.add(sid.get());
    }
    creators.shutdown();

    server.clock().advance(Duration.ofSeconds(61));

    await().atMost(Duration.ofSeconds(10)).until(() -> stateUpdates(sids) >= sids.size());
    assertThat(stateUpdates(sids)).isEqualTo(sids.size());
  }

  private static String conversationWithInactiveTimer() {
    return server
        .api()
        .formParam("State", "active")
        .formParam("Timers.Inactive", "PT1M")
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  /** How many onConversationStateUpdated events the outbox holds for these conversations. */
  private static long stateUpdates(List<String> sids) throws Exception {
    try (Connection db = server.connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT COUNT(*) FROM events WHERE type = 'onConversationStateUpdated'"
                    + " AND conversation_sid = ANY (?)")) {
      query.setArray(1, db.createArrayOf("text", sids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
