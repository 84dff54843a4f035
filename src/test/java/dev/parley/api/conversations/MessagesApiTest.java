package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Posting messages: {@code POST /v1/Conversations/{ConversationSid}/Messages}. */
class MessagesApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final MessageFixtures fixtures = new MessageFixtures(server);

  @Test
  void posts_a_system_message_with_defaults() {
    String conversation = fixtures.conversationSid();

    JsonPath message = fixtures.post(conversation, "Body", "Hello");

    String url = server.baseUrl() + "/v1/Conversations/" + conversation + "/Messages/";
    assertThat(message.getString("sid")).matches("^IM[0-9a-f]{32}$");
    assertThat(message.getString("account_sid")).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(message.getString("conversation_sid")).isEqualTo(conversation);
    assertThat(message.getInt("index")).isZero();
    assertThat(message.getString("author")).isEqualTo("system");
    assertThat(message.getString("body")).isEqualTo("Hello");
    assertThat(message.getString("attributes")).isEqualTo("{}");
    assertThat(message.getString("participant_sid")).isNull();
    assertThat(message.getString("media")).isNull();
    assertThat(message.getString("delivery")).isNull();
    assertThat(message.getString("content_sid")).isNull();
    assertThat(message.getString("date_created"))
        .matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
    assertThat(message.getString("date_updated")).isNull();
    assertThat(message.getString("url")).isEqualTo(url + message.getString("sid"));
    assertThat(message.getMap("links"))
        .containsEntry("delivery_receipts", url + message.getString("sid") + "/Receipts")
        .containsEntry("channel_metadata", url + message.getString("sid") + "/ChannelMetadata");
    assertThat(message.getMap("$")).doesNotContainKeys("chat_service_sid", "subject");
  }

  @Test
  void numbers_messages_in_posting_order() {
    String conversation = fixtures.conversationSid();

    int first = fixtures.post(conversation, "Body", "one").getInt("index");
    int second = fixtures.post(conversation, "Body", "two").getInt("index");
    int third = fixtures.post(conversation, "Body", "three").getInt("index");

    assertThat(new int[] {first, second, third}).containsExactly(0, 1, 2);
  }

  @Test
  void a_refused_post_leaves_no_gap_in_the_indexes() {
    // The index is taken first and the media checked after: the refusal must give it back.
    String conversation = fixtures.conversationSid();
    fixtures.post(conversation, "Body", "one");
    fixtures
        .form("Body", "two", "MediaSid", "ME" + "0".repeat(32))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400);

    int index = fixtures.post(conversation, "Body", "three").getInt("index");

    assertThat(index).isEqualTo(1);
  }

  @Test
  void numbers_each_conversation_from_zero() {
    String one = fixtures.conversationSid();
    String two = fixtures.conversationSid();
    fixtures.post(one, "Body", "first in one");

    int index = fixtures.post(two, "Body", "first in two").getInt("index");

    assertThat(index).isZero();
  }

  @Test
  void accepts_the_unique_name_in_place_of_the_conversation_sid() {
    String conversation = fixtures.conversationSid("UniqueName", "messages-by-name");

    JsonPath message = fixtures.post("messages-by-name", "Body", "hi");

    assertThat(message.getString("conversation_sid")).isEqualTo(conversation);
  }

  @Test
  void posts_through_the_service_scoped_twin() {
    JsonPath conversation = fixtures.conversation();
    String service = conversation.getString("chat_service_sid");
    String prefix = "/v1/Services/" + service + "/Conversations/" + conversation.getString("sid");

    JsonPath message =
        fixtures
            .form("Body", "scoped")
            .post(prefix + "/Messages")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(message.getString("chat_service_sid")).isEqualTo(service);
    assertThat(message.getString("url"))
        .isEqualTo(server.baseUrl() + prefix + "/Messages/" + message.getString("sid"));
    assertThat(message.getString("links.delivery_receipts"))
        .isEqualTo(message.getString("url") + "/Receipts");
  }

  @Test
  void takes_author_attributes_and_dates_from_the_request() {
    String conversation = fixtures.conversationSid();

    JsonPath message =
        fixtures.post(
            conversation,
            "Body",
            "imported",
            "Author",
            "alice",
            "Attributes",
            "{\"importance\":\"high\"}",
            "DateCreated",
            "2015-12-16T22:18:37Z",
            "DateUpdated",
            "2015-12-16T22:18:38Z");

    assertThat(message.getString("author")).isEqualTo("alice");
    assertThat(message.getString("attributes")).isEqualTo("{\"importance\":\"high\"}");
    assertThat(message.getString("date_created")).isEqualTo("2015-12-16T22:18:37Z");
    assertThat(message.getString("date_updated")).isEqualTo("2015-12-16T22:18:38Z");
  }

  @Test
  void links_the_author_to_their_participant() {
    JsonPath conversation = fixtures.conversation();
    String participant =
        new DirectRows(server)
            .participant(
                ParleyServer.ACCOUNT_SID,
                conversation.getString("chat_service_sid"),
                conversation.getString("sid"),
                "bob");

    JsonPath message = fixtures.post(conversation.getString("sid"), "Body", "hi", "Author", "bob");

    assertThat(message.getString("participant_sid")).isEqualTo(participant);
  }

  @Test
  void leaves_participant_sid_null_for_an_author_who_is_not_a_participant() {
    String conversation = fixtures.conversationSid();

    JsonPath message = fixtures.post(conversation, "Body", "hi", "Author", "stranger");

    assertThat(message.getString("participant_sid")).isNull();
  }

  @Test
  void stores_a_content_sid_and_ignores_the_body() {
    String conversation = fixtures.conversationSid();
    String content = "HX" + "a".repeat(32);

    JsonPath message =
        fixtures.post(
            conversation,
            "ContentSid",
            content,
            "ContentVariables",
            "{\"1\":\"John\"}",
            "Body",
            "ignored");

    assertThat(message.getString("content_sid")).isEqualTo(content);
    assertThat(message.getString("body")).isNull();
  }

  @Test
  void refuses_to_post_to_a_closed_conversation() {
    String conversation = fixtures.conversationSid();
    fixtures.close(conversation);

    fixtures
        .form("Body", "too late")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void answers_20404_when_posting_to_an_unknown_conversation() {
    fixtures
        .form("Body", "hello?")
        .post("/v1/Conversations/CH" + "0".repeat(32) + "/Messages")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void leaves_the_conversation_date_updated_alone() {
    JsonPath conversation = fixtures.conversation("DateUpdated", "2020-01-01T00:00:00Z");

    fixtures.post(conversation.getString("sid"), "Body", "hi");

    server
        .api()
        .get("/v1/Conversations/" + conversation.getString("sid"))
        .then()
        .statusCode(200)
        .body("date_updated", equalTo("2020-01-01T00:00:00Z"));
  }
}
