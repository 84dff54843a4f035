package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a posted message may carry: limits, formats and the parameters Parley cannot honour. */
class MessageInputApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final MessageFixtures fixtures = new MessageFixtures(server);

  @Test
  void reads_a_date_without_offset_as_utc_as_twilio_java_sends_it() {
    String conversation = fixtures.conversationSid();

    JsonPath message =
        fixtures.post(conversation, "Body", "imported", "DateCreated", "2015-12-16T22:18:37");

    assertThat(message.getString("date_created")).isEqualTo("2015-12-16T22:18:37Z");
  }

  @Test
  void accepts_a_body_of_1600_characters_counting_an_emoji_as_one() {
    String conversation = fixtures.conversationSid();
    String body = "\uD83D\uDE00".repeat(1600);

    JsonPath message = fixtures.post(conversation, "Body", body);

    assertThat(message.getString("body")).isEqualTo(body);
  }

  @Test
  void accepts_attributes_larger_than_vertx_default_form_field_limit() {
    String conversation = fixtures.conversationSid();
    String attributes = "{\"notes\":\"" + "\u00e9".repeat(10_000) + "\"}";

    JsonPath message = fixtures.post(conversation, "Body", "hi", "Attributes", attributes);

    assertThat(message.getString("attributes")).isEqualTo(attributes);
  }

  @Test
  void rejects_a_body_over_1600_characters() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Body", "x".repeat(1601))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("Invalid parameter Body: must be at most 1600 characters"));
  }

  @Test
  void rejects_a_subject_over_256_characters() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Body", "hi", "Subject", "s".repeat(257))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Subject: must be at most 256 characters"));
  }

  @Test
  void rejects_a_message_without_body_media_or_content() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Author", "alice")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            equalTo("Invalid parameter Body: a message needs a Body, MediaSid or ContentSid"));
  }

  @Test
  void rejects_a_media_sid_no_upload_made() {
    String conversation = fixtures.conversationSid();
    String media = "ME" + "b".repeat(32);

    fixtures
        .form("MediaSid", media)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", matchesPattern("^Invalid parameter MediaSid: .*" + media + ".*$"));
  }

  @Test
  void rejects_a_media_sid_of_the_wrong_kind() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Body", "hi", "MediaSid", "IM" + "b".repeat(32))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter MediaSid: must be a ME SID"));
  }

  @Test
  void rejects_a_content_sid_of_the_wrong_kind() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("ContentSid", "HY" + "b".repeat(32))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter ContentSid: must be a HX SID"));
  }

  @Test
  void rejects_attributes_that_are_not_json() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Body", "hi", "Attributes", "{nope")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Attributes: must be valid JSON"));
  }

  @Test
  void rejects_content_variables_that_are_not_json() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("ContentSid", "HX" + "a".repeat(32), "ContentVariables", "[1,")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter ContentVariables: must be valid JSON"));
  }

  @Test
  void rejects_a_date_that_is_not_iso_8601() {
    String conversation = fixtures.conversationSid();

    fixtures
        .form("Body", "hi", "DateCreated", "yesterday")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("message", matchesPattern("^Invalid parameter DateCreated: .*"));
  }
}
