package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.eventType;
import static dev.parley.testing.SyncSteps.get;
import static dev.parley.testing.SyncSteps.httpStatus;
import static dev.parley.testing.SyncSteps.messagesList;
import static dev.parley.testing.SyncSteps.requestSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.SyncSteps;
import dev.parley.testing.TwilsockClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Sync calls the SDK tunnels, driven frame by frame: descriptors, item pages, access and the
 * replay a subscription starts with.
 */
class SyncApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  @Test
  void a_users_conversations_map_opens_for_that_user_only() {
    try (TwilsockClient ann = connected("ann-own");
        TwilsockClient bob = connected("bob-own")) {
      String annMap = configuration(ann).path("sync_objects").path("my_conversations").asText();

      JsonNode own = get(ann, "/v3/Maps/" + annMap);
      TwilsockFrame other = reply(bob, "GET", "/v3/Maps/" + annMap, null, null);

      assertThat(own.path("sid").asText()).isEqualTo(annMap);
      assertThat(own.path("links").path("items").asText()).startsWith("http://");
      assertThat(httpStatus(other)).isEqualTo(403);
      assertThat(TwilsockClient.body(other).path("code").intValue()).isEqualTo(54007);
    }
  }

  @Test
  void an_unknown_object_is_404_with_54100() {
    try (TwilsockClient ann = connected("ann-unknown")) {
      TwilsockFrame reply =
          reply(ann, "GET", "/v3/Documents/ET00000000000000000000000000000000", null, null);

      assertThat(httpStatus(reply)).isEqualTo(404);
      assertThat(TwilsockClient.body(reply).path("code").intValue()).isEqualTo(54100);
    }
  }

  @Test
  void a_conversation_has_no_sync_objects_until_a_client_opens_one() throws Exception {
    try (TwilsockClient ann = connected("ann-lazy")) {
      String sid = fixtures.conversationWith("ann-lazy", "bob-lazy");
      JsonNode objects = conversationObjects(ann, "ann-lazy", sid);
      long before = syncObjectsOf(sid);

      JsonNode document = get(ann, "/v3/Documents/" + objects.path("conversation").asText());

      assertThat(before).isZero();
      assertThat(document.path("data").path("messages").asText())
          .isEqualTo(objects.path("messages").asText());
      assertThat(syncObjectsOf(sid)).isEqualTo(3);
    }
  }

  @Test
  void a_roster_opened_first_holds_the_participants_added_before() {
    try (TwilsockClient ann = connected("ann-roster")) {
      String sid = fixtures.conversationWith("ann-roster", "bob-roster");
      String roster = conversationObjects(ann, "ann-roster", sid).path("participants").asText();

      JsonNode page = get(ann, "/v3/Maps/" + roster + "/Items");

      assertThat(page.path("items"))
          .extracting(item -> item.path("data").path("identity").asText())
          .containsExactlyInAnyOrder("ann-roster", "bob-roster");
    }
  }

  @Test
  void a_message_to_a_conversation_nobody_opened_is_in_its_list() {
    try (TwilsockClient ann = connected("ann-first")) {
      String sid = fixtures.conversationWith("ann-first");
      fixtures.post(sid, "first words");
      String messages = conversationObjects(ann, "ann-first", sid).path("messages").asText();

      JsonNode page = get(ann, "/v3/Lists/" + messages + "/Items");

      assertThat(page.path("items"))
          .extracting(item -> item.path("data").path("text").asText())
          .containsExactly("first words");
    }
  }

  @Test
  void a_subscription_to_an_unopened_conversations_list_is_established() {
    try (TwilsockClient ann = connected("ann-sub-first")) {
      String sid = fixtures.conversationWith("ann-sub-first");
      String messages = conversationObjects(ann, "ann-sub-first", sid).path("messages").asText();

      requestSubscription(ann, messages, "list", 0);

      assertThat(ann.await(frame -> eventType(frame).startsWith("subscription_")))
          .extracting(SyncSteps::eventType)
          .isEqualTo("subscription_established");
    }
  }

  @Test
  void a_users_profile_map_is_made_when_first_opened_with_the_users_friendly_name()
      throws Exception {
    try (TwilsockClient ann = connected("ann-profile")) {
      String profile = configuration(ann).path("sync_objects").path("my_user_info").asText();
      long before = syncObjectsNamed("ann-profile.userInfo");

      JsonNode page = get(ann, "/v3/Maps/" + profile + "/Items");

      assertThat(before).isZero();
      assertThat(page.path("items"))
          .extracting(item -> item.path("key").asText())
          .containsExactlyInAnyOrder("friendlyName", "attributes");
      assertThat(syncObjectsNamed("ann-profile.userInfo")).isEqualTo(1);
    }
  }

  @Test
  void a_list_page_from_a_non_numeric_index_is_400_with_54008() {
    try (TwilsockClient ann = connected("ann-from")) {
      Chat chat = chatWith(ann, "ann-from");
      ObjectNode params = TwilsockClient.JSON.createObjectNode().put("From", "abc");

      TwilsockFrame reply =
          reply(ann, "GET", "/v3/Lists/" + chat.messages + "/Items", params, null);

      assertThat(httpStatus(reply)).isEqualTo(400);
      assertThat(TwilsockClient.body(reply).path("code").intValue()).isEqualTo(54008);
    }
  }

  @Test
  void item_pages_say_whether_items_exist_before_and_after_them() {
    try (TwilsockClient ann = connected("ann-pages")) {
      Chat chat = chatWith(ann, "ann-pages");
      for (int i = 0; i < 5; i++) {
        fixtures.post(chat.sid, "message " + i);
      }
      ObjectNode params =
          TwilsockClient.JSON.createObjectNode().put("From", "2").put("PageSize", "2");

      JsonNode page = getWith(ann, "/v3/Lists/" + chat.messages + "/Items", params);

      assertThat(indexes(page)).containsExactly(2L, 3L);
      assertThat(page.path("meta").path("previous_token").isNull()).isFalse();
      assertThat(page.path("meta").path("next_token").isNull()).isFalse();
      assertThat(page.path("items").get(0).path("data").path("text").asText())
          .isEqualTo("message 2");
    }
  }

  @Test
  void a_subscription_replays_what_came_after_the_clients_event_id_then_establishes() {
    try (TwilsockClient ann = connected("ann-replay")) {
      Chat chat = chatWith(ann, "ann-replay");
      fixtures.post(chat.sid, "seen");
      long held = get(ann, "/v3/Lists/" + chat.messages).path("last_event_id").asLong();
      fixtures.post(chat.sid, "missed one");
      fixtures.post(chat.sid, "missed two");

      requestSubscription(ann, chat.messages, "list", held);

      TwilsockFrame established =
          ann.await(frame -> eventType(frame).equals("subscription_established"));
      List<String> replayed =
          ann.frames().stream()
              .filter(frame -> eventType(frame).equals("list_item_added"))
              .map(
                  frame ->
                      TwilsockClient.body(frame)
                          .path("event")
                          .path("item_data")
                          .path("text")
                          .asText())
              .toList();
      assertThat(replayed).containsExactly("missed one", "missed two");
      assertThat(TwilsockClient.body(established).path("event").path("last_event_id").asLong())
          .isEqualTo(held + 2);
    }
  }

  @Test
  void a_subscription_is_answered_202_before_its_replay_and_establishment() {
    try (TwilsockClient ann = connected("ann-answer-first")) {
      Chat chat = chatWith(ann, "ann-answer-first");
      long held = get(ann, "/v3/Lists/" + chat.messages).path("last_event_id").asLong();
      fixtures.post(chat.sid, "missed");

      TwilsockFrame answer = requestSubscription(ann, chat.messages, "list", held);

      ann.await(frame -> eventType(frame).equals("subscription_established"));
      List<String> order =
          ann.frames().stream()
              .filter(
                  frame ->
                      frame == answer
                          || eventType(frame).matches("list_item_added|subscription_established"))
              .map(frame -> frame == answer ? "answer" : eventType(frame))
              .toList();
      assertThat(order).containsExactly("answer", "list_item_added", "subscription_established");
      assertThat(TwilsockClient.body(answer).path("estimated_delivery_in_ms").intValue())
          .isPositive();
      assertThat(TwilsockClient.body(answer).path("max_batch_size").intValue()).isPositive();
    }
  }

  @Test
  void a_message_added_after_a_list_was_opened_stays_out_of_pages_until_its_replay_is_sent() {
    try (TwilsockClient ann = connected("ann-horizon")) {
      Chat chat = chatWith(ann, "ann-horizon");
      fixtures.post(chat.sid, "before opening");
      long opened = get(ann, "/v3/Lists/" + chat.messages).path("last_event_id").asLong();
      fixtures.post(chat.sid, "after opening");

      List<String> beforeSubscribing = texts(get(ann, "/v3/Lists/" + chat.messages + "/Items"));
      SyncSteps.subscribe(ann, chat.messages, "list", opened);
      List<String> afterReplay = texts(get(ann, "/v3/Lists/" + chat.messages + "/Items"));

      assertThat(beforeSubscribing).containsExactly("before opening");
      assertThat(ann.frames().stream().map(SyncSteps::addedText)).contains("after opening");
      assertThat(afterReplay).containsExactly("before opening", "after opening");
    }
  }

  @Test
  void
      a_message_stays_out_of_pages_until_the_client_acknowledges_its_event_then_shows_a_moment_later() {
    try (TwilsockClient ann = connected("ann-unheard")) {
      Chat chat = chatWith(ann, "ann-unheard");
      fixtures.post(chat.sid, "heard");
      long opened = get(ann, "/v3/Lists/" + chat.messages).path("last_event_id").asLong();
      SyncSteps.subscribe(ann, chat.messages, "list", opened);
      ann.holdAcknowledgements(); // as an SDK that has the event on its socket, not yet read

      fixtures.post(chat.sid, "on its way");
      TwilsockFrame event = ann.await(frame -> SyncSteps.addedText(frame).equals("on its way"));
      List<String> sentNotHeard = texts(get(ann, "/v3/Lists/" + chat.messages + "/Items"));
      ann.acknowledge(event);
      long acknowledged = System.nanoTime();
      List<String> heard = texts(get(ann, "/v3/Lists/" + chat.messages + "/Items"));
      long answeredAfter = System.nanoTime() - acknowledged;

      // The SDK handles a reply at once and a notification on a timer after acknowledging it: a
      // page that showed the message first would make it drop the event (no messageAdded).
      assertThat(sentNotHeard).containsExactly("heard");
      assertThat(heard).containsExactly("heard", "on its way");
      assertThat(Duration.ofNanos(answeredAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }
  }

  @Test
  void
      a_message_whose_event_never_reached_the_client_shows_once_a_later_notification_is_acknowledged() {
    try (TwilsockClient ann = connected("ann-dropped")) {
      Chat chat = chatWith(ann, "ann-dropped");
      String document =
          conversationObjects(ann, "ann-dropped", chat.sid).path("conversation").asText();
      SyncSteps.subscribe(ann, chat.messages, "list", 0);
      SyncSteps.subscribe(ann, document, "document", 0);
      ann.holdAcknowledgements(); // the message's event is lost on its way, as a proxy may drop it

      fixtures.post(chat.sid, "dropped");
      ann.await(frame -> SyncSteps.addedText(frame).equals("dropped"));
      server
          .api()
          .formParam("FriendlyName", "renamed")
          .post("/v1/Conversations/" + chat.sid)
          .then()
          .statusCode(200);
      TwilsockFrame renamed = ann.await(frame -> renamedTo(frame, "renamed"));
      ann.acknowledge(renamed); // the client parses frames in order: it has passed the lost one

      assertThat(texts(get(ann, "/v3/Lists/" + chat.messages + "/Items")))
          .containsExactly("dropped");
    }
  }

  @Test
  void a_subscription_to_an_object_that_does_not_exist_fails_with_404() {
    try (TwilsockClient ann = connected("ann-gone")) {
      requestSubscription(ann, "ES00000000000000000000000000000000", "list", 0);

      TwilsockFrame failed = ann.await(frame -> eventType(frame).equals("subscription_failed"));

      assertThat(TwilsockClient.body(failed).path("event").path("error").path("status").intValue())
          .isEqualTo(404);
    }
  }

  @Test
  void a_subscription_request_without_an_action_is_400() {
    try (TwilsockClient ann = connected("ann-bad-sub")) {
      TwilsockFrame reply = reply(ann, "POST", "/v4/Subscriptions", null, "{\"requests\":[]}");

      assertThat(httpStatus(reply)).isEqualTo(400);
    }
  }

  /** Whether {@code frame} is a conversation document update naming it {@code name}. */
  private static boolean renamedTo(TwilsockFrame frame, String name) {
    return eventType(frame).equals("document_updated")
        && TwilsockClient.body(frame)
            .path("event")
            .path("document_data")
            .path("friendlyName")
            .asText()
            .equals(name);
  }

  private static List<String> texts(JsonNode page) {
    return StreamSupport.stream(page.path("items").spliterator(), false)
        .map(item -> item.path("data").path("text").asText())
        .toList();
  }

  /** A conversation and its messages list, as the member's conversation row names it. */
  private record Chat(String sid, String messages) {}

  private static Chat chatWith(TwilsockClient client, String identity) {
    String sid = fixtures.conversationWith(identity);
    return new Chat(sid, messagesList(client, tokens.serviceSid(), identity, sid));
  }

  /** The SIDs the member's conversation row names its Sync objects by. */
  private static JsonNode conversationObjects(
      TwilsockClient client, String identity, String conversation) {
    return get(
            client,
            "/Client/v2/Services/"
                + tokens.serviceSid()
                + "/Users/"
                + identity
                + "/Conversations/"
                + conversation)
        .path("sync_objects");
  }

  /** How many Sync objects the conversation has in the store. */
  private static long syncObjectsOf(String conversation) throws Exception {
    return syncObjectsNamed(conversation + ".%");
  }

  /** How many Sync objects have a unique name like {@code pattern} (SQL LIKE). */
  private static long syncObjectsNamed(String pattern) throws Exception {
    try (Connection c = server.connect();
        PreparedStatement count =
            c.prepareStatement("SELECT count(*) FROM sync_objects WHERE unique_name LIKE ?")) {
      count.setString(1, pattern);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token(identity));
    return client;
  }

  private static JsonNode configuration(TwilsockClient client) {
    return get(client, "/Client/v2/Configuration");
  }

  private static JsonNode getWith(TwilsockClient client, String path, ObjectNode params) {
    TwilsockFrame reply = reply(client, "GET", path, params, null);
    assertThat(httpStatus(reply)).as(path).isEqualTo(200);
    return TwilsockClient.body(reply);
  }

  private static TwilsockFrame reply(
      TwilsockClient client, String method, String path, ObjectNode params, String body) {
    return client.awaitReply(client.request(method, path, params, body));
  }

  private static List<Long> indexes(JsonNode page) {
    return StreamSupport.stream(page.path("items").spliterator(), false)
        .map(item -> item.path("index").asLong())
        .toList();
  }
}
