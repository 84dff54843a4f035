package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fetching, editing and removing one message: {@code .../Messages/{Sid}}. */
class MessageEditsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final MessageFixtures fixtures = new MessageFixtures(server);

  private static String path(String conversation, String message) {
    return "/v1/Conversations/" + conversation + "/Messages/" + message;
  }

  @Test
  void fetches_a_message() {
    String conversation = fixtures.conversationSid();
    JsonPath posted = fixtures.post(conversation, "Body", "hello", "Author", "alice");

    JsonPath fetched =
        server
            .api()
            .get(path(conversation, posted.getString("sid")))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(fetched.getMap("$")).isEqualTo(posted.getMap("$"));
  }

  @Test
  void fetches_through_the_service_scoped_twin() {
    JsonPath conversation = fixtures.conversation();
    String message = fixtures.postSid(conversation.getString("sid"), "hi");
    String service = conversation.getString("chat_service_sid");

    server
        .api()
        .get("/v1/Services/" + service + path(conversation.getString("sid"), message).substring(3))
        .then()
        .statusCode(200)
        .body("chat_service_sid", equalTo(service))
        .body("sid", equalTo(message));
  }

  @Test
  void answers_404_for_an_unknown_message() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .get(path(conversation, "IM" + "0".repeat(32)))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body("status", equalTo(404));
  }

  @Test
  void answers_404_for_a_message_of_another_conversation() {
    String mine = fixtures.conversationSid();
    String theirs = fixtures.conversationSid();
    String message = fixtures.postSid(theirs, "not yours");

    server.api().get(path(mine, message)).then().statusCode(404).body("code", equalTo(20404));
  }

  @Test
  void answers_404_under_a_service_the_account_does_not_have() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");

    server
        .api()
        .get("/v1/Services/IS" + "0".repeat(32) + path(conversation, message).substring(3))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void edits_the_body_and_stamps_date_updated() {
    String conversation = fixtures.conversationSid();
    JsonPath posted = fixtures.post(conversation, "Body", "helo", "Attributes", "{\"a\":1}");

    JsonPath edited =
        fixtures
            .form("Body", "hello")
            .post(path(conversation, posted.getString("sid")))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(edited.getString("body")).isEqualTo("hello");
    assertThat(edited.getString("attributes")).isEqualTo("{\"a\":1}");
    assertThat(edited.getInt("index")).isEqualTo(posted.getInt("index"));
    assertThat(edited.getString("date_created")).isEqualTo(posted.getString("date_created"));
    assertThat(edited.getString("date_updated")).isNotNull();
  }

  @Test
  void edits_author_attributes_and_dates() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");

    fixtures
        .form(
            "Author", "carol",
            "Attributes", "{\"edited\":true}",
            "Subject", "re: hi",
            "DateCreated", "2016-03-24T20:37:57Z",
            "DateUpdated", "2016-03-24T20:38:57Z")
        .post(path(conversation, message))
        .then()
        .statusCode(200)
        .body("author", equalTo("carol"))
        .body("attributes", equalTo("{\"edited\":true}"))
        .body("date_created", equalTo("2016-03-24T20:37:57Z"))
        .body("date_updated", equalTo("2016-03-24T20:38:57Z"));
  }

  @Test
  void relinks_the_participant_when_the_author_changes() {
    JsonPath conversation = fixtures.conversation();
    String sid = conversation.getString("sid");
    String participant =
        new DirectRows(server)
            .participant(
                ParleyServer.ACCOUNT_SID, conversation.getString("chat_service_sid"), sid, "dave");
    String message = fixtures.postSid(sid, "hi");

    fixtures
        .form("Author", "dave")
        .post(path(sid, message))
        .then()
        .statusCode(200)
        .body("participant_sid", equalTo(participant));
  }

  @Test
  void rejects_an_edited_body_over_1600_characters() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "short");

    fixtures
        .form("Body", "x".repeat(1601))
        .post(path(conversation, message))
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Body: must be at most 1600 characters"));
  }

  @Test
  void rejects_edited_attributes_that_are_not_json() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");

    fixtures
        .form("Attributes", "nope")
        .post(path(conversation, message))
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Attributes: must be valid JSON"));
  }

  @Test
  void refuses_to_edit_a_message_of_a_closed_conversation() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");
    fixtures.close(conversation);

    fixtures
        .form("Body", "changed")
        .post(path(conversation, message))
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void answers_404_when_editing_an_unknown_message() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Body", "changed")
        .post(path(conversation, "IM" + "0".repeat(32)))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void deletes_a_message() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "bye");

    server.api().delete(path(conversation, message)).then().statusCode(204);

    server.api().get(path(conversation, message)).then().statusCode(404);
  }

  @Test
  void deletes_a_message_of_a_closed_conversation() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "personal data");
    fixtures.close(conversation);

    server.api().delete(path(conversation, message)).then().statusCode(204);
  }

  @Test
  void does_not_reuse_the_index_of_a_deleted_message() {
    String conversation = fixtures.conversationSid();
    fixtures.postSid(conversation, "zero");
    String last = fixtures.postSid(conversation, "one");
    server.api().delete(path(conversation, last)).then().statusCode(204);

    int index = fixtures.post(conversation, "Body", "two").getInt("index");

    assertThat(index).isEqualTo(2);
  }

  @Test
  void answers_404_when_deleting_an_unknown_message() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .delete(path(conversation, "IM" + "0".repeat(32)))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void answers_20404_when_deleting_from_an_unknown_conversation() {
    server
        .api()
        .delete(path("CH" + "0".repeat(32), "IM" + "0".repeat(32)))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void a_message_path_that_is_no_message_sid_answers_20404() {
    String conversation = fixtures.conversationSid();
    fixtures.post(conversation, "Body", "hello");

    for (String notASid : new String[] {"hello", "IM123", conversation}) {
      server
          .api()
          .get(path(conversation, notASid))
          .then()
          .statusCode(404)
          .body("code", equalTo(20404));
      fixtures
          .form("Body", "edited")
          .post(path(conversation, notASid))
          .then()
          .statusCode(404)
          .body("code", equalTo(20404));
      server.api().delete(path(conversation, notASid)).then().statusCode(404);
    }
  }
}
