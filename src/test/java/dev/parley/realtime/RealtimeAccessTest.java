package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.addedText;
import static dev.parley.testing.SyncSteps.eventType;
import static dev.parley.testing.SyncSteps.get;
import static dev.parley.testing.SyncSteps.httpStatus;
import static dev.parley.testing.SyncSteps.requestSubscription;
import static dev.parley.testing.SyncSteps.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Membership scopes every realtime read: an identity (an agent's token as much as a guest's) sees a
 * conversation only while it takes part in it, through Sync, tunnelled commands and typing alike.
 */
class RealtimeAccessTest {
  private static final String INDICATOR = "twilio.ipmsg.typing_indicator";

  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  @Test
  void an_agent_not_in_a_conversation_cannot_read_its_document_messages_or_roster() {
    String conversation = fixtures.conversationWith("ann-read");
    try (TwilsockClient ann = connected("ann-read");
        TwilsockClient bob = connected("bob-read")) {
      JsonNode objects = objectsOf(ann, "ann-read", conversation);

      TwilsockFrame document =
          reply(bob, "GET", "/v3/Documents/" + objects.path("conversation").asText());
      TwilsockFrame messages =
          reply(bob, "GET", "/v3/Lists/" + objects.path("messages").asText() + "/Items");
      TwilsockFrame roster =
          reply(bob, "GET", "/v3/Maps/" + objects.path("participants").asText() + "/Items");
      TwilsockFrame byName = reply(bob, "GET", "/v3/Documents/" + conversation + ".channel");

      for (TwilsockFrame refused : new TwilsockFrame[] {document, messages, roster, byName}) {
        assertThat(httpStatus(refused)).isEqualTo(403);
        assertThat(TwilsockClient.body(refused).path("code").intValue()).isEqualTo(54007);
      }
    }
  }

  @Test
  void an_agent_not_in_a_conversation_cannot_subscribe_to_its_messages() {
    String conversation = fixtures.conversationWith("ann-sub");
    try (TwilsockClient ann = connected("ann-sub");
        TwilsockClient bob = connected("bob-sub")) {
      String messages = objectsOf(ann, "ann-sub", conversation).path("messages").asText();
      get(ann, "/v3/Lists/" + messages);

      requestSubscription(bob, messages, "list", 0);

      TwilsockFrame failed = bob.await(frame -> eventType(frame).startsWith("subscription_"));
      assertThat(eventType(failed)).isEqualTo("subscription_failed");
      assertThat(TwilsockClient.body(failed).path("event").path("error").path("status").intValue())
          .isEqualTo(403);
    }
  }

  @Test
  void peeking_at_a_conversation_one_is_not_in_is_403_with_50430() {
    String conversation = fixtures.conversationWith("ann-peek");
    try (TwilsockClient bob = connected("bob-peek")) {
      TwilsockFrame peek = reply(bob, "GET", service() + "/Conversations/" + conversation);

      assertThat(httpStatus(peek)).isEqualTo(403);
      assertThat(TwilsockClient.body(peek).path("code").intValue()).isEqualTo(50430);
    }
  }

  @Test
  void joining_a_conversation_one_is_not_in_is_403_and_adds_nobody() {
    String conversation = fixtures.conversationWith("ann-join");
    try (TwilsockClient bob = connected("bob-join")) {
      TwilsockFrame join =
          bob.awaitReply(
              bob.request(
                  "POST",
                  service() + "/Conversations/" + conversation + "/Participants",
                  null,
                  "{\"identity\":\"bob-join\"}"));

      assertThat(httpStatus(join)).isEqualTo(403);
      assertThat(TwilsockClient.body(join).path("code").intValue()).isEqualTo(50430);
      assertThat(participants(conversation)).containsExactly("ann-join");
    }
  }

  @Test
  void typing_reaches_no_one_outside_the_conversation() {
    String secret = fixtures.conversationWith("ann-typing", "cai-typing");
    String shared = fixtures.conversationWith("dee-typing", "bob-typing");
    try (TwilsockClient ann = connected("ann-typing");
        TwilsockClient dee = connected("dee-typing");
        TwilsockClient bob = connected("bob-typing")) {

      typing(ann, secret);
      typing(dee, shared);

      // Indicators go out in the order sent: the second one's arrival shows the first was never
      // meant for bob.
      bob.await(frame -> indicatorOf(frame).equals(shared));
      assertThat(bob.frames()).noneMatch(frame -> indicatorOf(frame).equals(secret));
    }
  }

  @Test
  void a_removed_participant_hears_no_more_of_the_conversation() {
    String left = fixtures.conversationWith("ann-left", "bob-left");
    String kept = fixtures.conversationWith("bob-left");
    try (TwilsockClient bob = connected("bob-left")) {
      String leftMessages = objectsOf(bob, "bob-left", left).path("messages").asText();
      String keptMessages = objectsOf(bob, "bob-left", kept).path("messages").asText();
      subscribe(bob, leftMessages, "list", lastEventId(bob, leftMessages));
      subscribe(bob, keptMessages, "list", lastEventId(bob, keptMessages));

      server
          .api()
          .delete("/v1/Conversations/" + left + "/Participants/bob-left")
          .then()
          .statusCode(204);
      fixtures.post(left, "after bob left");
      fixtures.post(kept, "still here");

      bob.await(frame -> addedText(frame).equals("still here"));
      assertThat(bob.frames()).noneMatch(frame -> addedText(frame).equals("after bob left"));
      assertThat(httpStatus(reply(bob, "GET", "/v3/Lists/" + leftMessages + "/Items")))
          .isEqualTo(403);
    }
  }

  @Test
  void a_removed_participant_hears_no_more_of_the_profile_of_a_user_it_no_longer_meets() {
    String left = fixtures.conversationWith("ann-parted", "bob-parted");
    String kept = fixtures.conversationWith("bob-parted", "cai-parted");
    try (TwilsockClient bob = connected("bob-parted");
        TwilsockClient ann = connected("ann-parted");
        TwilsockClient cai = connected("cai-parted")) {
      String annProfile = profileOf(bob, "ann-parted");
      String caiProfile = profileOf(bob, "cai-parted");
      get(ann, service() + "/Users/ann-parted");
      get(cai, service() + "/Users/cai-parted");
      subscribe(bob, annProfile, "map", mapEventId(bob, annProfile));
      subscribe(bob, caiProfile, "map", mapEventId(bob, caiProfile));

      server
          .api()
          .delete("/v1/Conversations/" + left + "/Participants/bob-parted")
          .then()
          .statusCode(204);
      rename(ann, "ann-parted", "Ann renamed");
      rename(cai, "cai-parted", "Cai renamed");

      bob.await(frame -> renamedTo(frame, "Cai renamed"));
      assertThat(bob.frames()).noneMatch(frame -> renamedTo(frame, "Ann renamed"));
      assertThat(httpStatus(reply(bob, "GET", "/v3/Maps/" + annProfile + "/Items"))).isEqualTo(403);
    }
  }

  private static String profileOf(TwilsockClient client, String identity) {
    return get(client, service() + "/Users/" + identity)
        .path("sync_objects")
        .path("user_info_map")
        .asText();
  }

  private static long mapEventId(TwilsockClient client, String map) {
    return get(client, "/v3/Maps/" + map).path("last_event_id").asLong();
  }

  private static void rename(TwilsockClient client, String identity, String name) {
    String id =
        client.request(
            "POST", service() + "/Users/" + identity, null, "{\"friendly_name\":\"" + name + "\"}");
    assertThat(httpStatus(client.awaitReply(id))).isEqualTo(200);
  }

  private static boolean renamedTo(TwilsockFrame frame, String name) {
    if (!eventType(frame).startsWith("map_item_")) {
      return false;
    }
    JsonNode event = TwilsockClient.body(frame).path("event");
    return event.path("item_key").asText().equals("friendlyName")
        && event.path("item_data").toString().contains(name);
  }

  private static void typing(TwilsockClient client, String conversation) {
    String id = client.request("POST", service() + "/Typing", null, "ChannelSid=" + conversation);
    assertThat(httpStatus(client.awaitReply(id))).isEqualTo(200);
  }

  private static String indicatorOf(TwilsockFrame frame) {
    return INDICATOR.equals(frame.header().path("message_type").asText())
        ? TwilsockClient.body(frame).path("channel_sid").asText()
        : "";
  }

  private static long lastEventId(TwilsockClient client, String list) {
    return get(client, "/v3/Lists/" + list).path("last_event_id").asLong();
  }

  /** The SIDs of the conversation's Sync objects, as its participant {@code identity} is told. */
  private static JsonNode objectsOf(TwilsockClient client, String identity, String conversation) {
    return get(client, service() + "/Users/" + identity + "/Conversations/" + conversation)
        .path("sync_objects");
  }

  private static java.util.List<String> participants(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("participants.identity");
  }

  private static String service() {
    return "/Client/v2/Services/" + tokens.serviceSid();
  }

  private static TwilsockFrame reply(TwilsockClient client, String method, String path) {
    return client.awaitReply(client.request(method, path, null, null));
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token(identity));
    return client;
  }
}
