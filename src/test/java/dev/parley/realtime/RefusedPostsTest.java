package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.eventType;
import static dev.parley.testing.SyncSteps.get;
import static dev.parley.testing.SyncSteps.messagesList;
import static dev.parley.testing.SyncSteps.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refused message post leaves nothing behind: no message, no event, no Sync item and nothing told
 * to a subscribed client, even when it is committed in one batch with posts that succeed (a medium
 * refused after the message's index was taken, a post to a closed conversation).
 */
class RefusedPostsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);
  private static final int POSTS = 20;

  @Test
  void refused_posts_among_accepted_ones_leave_no_message_event_item_or_notification()
      throws Exception {
    Tokens tokens = Tokens.of(server);
    String conversation = fixtures.conversationWith("gus", "hal");
    String closed = fixtures.conversationWith("gus");
    server
        .api()
        .formParam("State", "closed")
        .post("/v1/Conversations/" + closed)
        .then()
        .statusCode(200);
    fixtures.post(conversation, "first"); // makes the conversation's Sync objects
    try (TwilsockClient gus = TwilsockClient.connect(server)) {
      gus.init(tokens.token("gus"));
      String messages = messagesList(gus, tokens.serviceSid(), "gus", conversation);
      long from = get(gus, "/v3/Lists/" + messages).path("last_event_id").asLong();
      subscribe(gus, messages, "list", from);

      ExecutorService posters = Executors.newFixedThreadPool(12);
      List<Future<Integer>> accepted = new ArrayList<>();
      List<Future<Integer>> refused = new ArrayList<>();
      for (int i = 0; i < POSTS; i++) {
        accepted.add(posters.submit(() -> post(conversation, null)));
        refused.add(posters.submit(() -> post(conversation, "ME" + "0".repeat(32))));
        refused.add(posters.submit(() -> post(closed, null)));
      }
      for (Future<Integer> status : accepted) {
        assertThat(status.get()).isEqualTo(201);
      }
      for (Future<Integer> status : refused) {
        assertThat(status.get()).isEqualTo(400);
      }
      posters.shutdown();

      assertThat(count("SELECT COUNT(*) FROM messages WHERE conversation_sid = ?", conversation))
          .isEqualTo(POSTS + 1);
      assertThat(count("SELECT MAX(idx) FROM messages WHERE conversation_sid = ?", conversation))
          .isEqualTo(POSTS);
      assertThat(
              count(
                  "SELECT COUNT(*) FROM events WHERE conversation_sid = ?"
                      + " AND type = 'onMessageAdded'",
                  conversation))
          .isEqualTo(POSTS + 1);
      assertThat(count("SELECT COUNT(*) FROM sync_items WHERE object_sid = ?", messages))
          .isEqualTo(POSTS + 1);
      assertThat(count("SELECT COUNT(*) FROM messages WHERE conversation_sid = ?", closed))
          .isZero();
      assertThat(
              count(
                  "SELECT COUNT(*) FROM events WHERE conversation_sid = ?"
                      + " AND type = 'onMessageAdded'",
                  closed))
          .isZero();
      await().atMost(Duration.ofSeconds(20)).until(() -> added(gus) >= POSTS);
      fixtures.post(conversation, "last"); // told after all the others: nothing more is coming
      await().atMost(Duration.ofSeconds(20)).until(() -> added(gus) >= POSTS + 1);
      assertThat(added(gus)).isEqualTo(POSTS + 1);
    }
  }

  private static int post(String conversation, String mediaSid) {
    var request = server.api().formParam("Author", "gus").formParam("Body", "hi");
    if (mediaSid != null) {
      request.formParam("MediaSid", mediaSid);
    }
    return request.post("/v1/Conversations/" + conversation + "/Messages").statusCode();
  }

  private static long added(TwilsockClient client) {
    return client.frames().stream()
        .filter(frame -> eventType(frame).equals("list_item_added"))
        .count();
  }

  private static long count(String sql, String sid) throws Exception {
    try (Connection db = server.connect();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, sid);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
