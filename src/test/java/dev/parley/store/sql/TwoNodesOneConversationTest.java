package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.app.Parley;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes group-committing writes to one conversation at once (PostgreSQL): every post is
 * answered and kept, each takes its own message index, and the conversation's events are one per
 * message, in the order of the indexes.
 */
@PostgresqlOnly
class TwoNodesOneConversationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);
  private static final int POSTS_PER_NODE = 150;

  private static Parley other;

  @BeforeAll
  static void secondNode() {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    other = server.startAnotherNode();
  }

  @AfterAll
  static void stopSecondNode() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void posts_to_one_conversation_through_two_nodes_at_once_keep_one_event_each_in_index_order()
      throws Exception {
    String conversation = fixtures.conversationWith("ann", "bob");
    String otherNode = "http://127.0.0.1:" + other.port();
    ExecutorService posters = Executors.newFixedThreadPool(32);
    List<Future<Integer>> posted = new ArrayList<>();
    for (int i = 0; i < POSTS_PER_NODE; i++) {
      String body = "m" + i;
      posted.add(posters.submit(() -> post(server::api, conversation, "one " + body)));
      posted.add(
          posters.submit(() -> post(() -> server.api().baseUri(otherNode), conversation, body)));
    }
    for (Future<Integer> status : posted) {
      assertThat(status.get()).isEqualTo(201);
    }
    posters.shutdown();

    List<Long> indexes =
        longs("SELECT idx FROM messages WHERE conversation_sid = ? ORDER BY idx", conversation);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 2 * POSTS_PER_NODE; i++) {
      expected.add(i);
    }
    assertThat(indexes).isEqualTo(expected);
    List<Long> eventIndexes =
        longs(
            "SELECT CAST(params::json->>'Index' AS bigint) FROM events"
                + " WHERE conversation_sid = ? AND type = 'onMessageAdded' ORDER BY seq",
            conversation);
    assertThat(eventIndexes).isEqualTo(expected);
  }

  private static int post(Supplier<RequestSpecification> node, String conversation, String body) {
    return node.get()
        .formParam("Body", body)
        .formParam("Author", "ann")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .statusCode();
  }

  private static List<Long> longs(String sql, String conversation) throws Exception {
    List<Long> values = new ArrayList<>();
    try (Connection db = server.connect();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, conversation);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getLong(1));
        }
      }
    }
    return values;
  }
}
