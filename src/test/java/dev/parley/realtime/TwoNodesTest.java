package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.addedText;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
