package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conversations REST messages with media, created and read back with twilio-java. */
class MessagesWithMediaTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static MediaClient mcs;
  private static TwilioRestClient twilio;
  private static ConversationFixtures fixtures;

  @BeforeAll
  static void clients() {
    mcs = new MediaClient(server);
    twilio = TwilioClients.of(server);
    fixtures = new ConversationFixtures(server);
  }

  @Test
  void a_message_with_media_shows_it_on_every_read() {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.uploadAs("alice", "image/png", bytes("pixels")).getString("sid");

    Message created =
        Message.creator(conversation)
            .setAuthor("alice")
            .setBody("look")
            .setMediaSid(media)
            .create(twilio);
    Message fetched = Message.fetcher(conversation, created.getSid()).fetch(twilio);
    Message listed = Message.reader(conversation).read(twilio).iterator().next();

    List<Map<String, Object>> expected =
        List.of(
            Map.of(
                "sid", media,
                "content_type", "image/png",
                "filename", "file.bin",
                "size", 6,
                "category", "media"));
    assertThat(created.getMedia()).isEqualTo(expected);
    assertThat(fetched.getMedia()).isEqualTo(expected);
    assertThat(listed.getMedia()).isEqualTo(expected);
  }

  @Test
  void a_message_of_media_alone_needs_no_body() {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.upload("application/pdf", bytes("%PDF-1.7")).getString("sid");

    Message created =
        Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio);

    assertThat(created.getBody()).isNull();
    assertThat(created.getMedia()).hasSize(1);
  }

  @Test
  void attaching_marks_the_medium_with_its_conversation_and_message() {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.upload("image/png", bytes("pixels")).getString("sid");

    Message created =
        Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio);

    mcs.asAccount()
        .get(mcs.media() + "/" + media)
        .then()
        .statusCode(200)
        .body("channel_sid", equalTo(conversation))
        .body("message_sid", equalTo(created.getSid()));
  }

  @Test
  void several_media_sids_attach_in_the_order_given() {
    String conversation = fixtures.conversationWith("alice");
    String first = mcs.upload("image/png", bytes("one")).getString("sid");
    String second = mcs.upload("image/png", bytes("two")).getString("sid");

    List<String> attached =
        server
            .api()
            .formParam("Author", "alice")
            .formParam("MediaSid", first)
            .formParam("MediaSid", second)
            .post("/v1/Conversations/" + conversation + "/Messages")
            .then()
            .statusCode(201)
            .extract()
            .path("media.sid");

    assertThat(attached).containsExactly(first, second);
  }

  @Test
  void an_unknown_media_sid_is_refused() {
    String conversation = fixtures.conversationWith("alice");

    assertThatThrownBy(
            () ->
                Message.creator(conversation)
                    .setAuthor("alice")
                    .setMediaSid("ME" + "0".repeat(32))
                    .create(twilio))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20001));
  }

  @Test
  void media_already_attached_is_refused() {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.upload("image/png", bytes("once")).getString("sid");
    Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio);

    assertThatThrownBy(
            () ->
                Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));
  }

  @Test
  void media_uploaded_by_another_identity_is_refused() {
    String conversation = fixtures.conversationWith("alice", "mallory");
    String media = mcs.uploadAs("alice", "image/png", bytes("hers")).getString("sid");

    assertThatThrownBy(
            () ->
                Message.creator(conversation)
                    .setAuthor("mallory")
                    .setMediaSid(media)
                    .create(twilio))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20001));
  }

  @Test
  void deleting_the_message_deletes_its_media() {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.upload("image/png", bytes("gone")).getString("sid");
    Message created =
        Message.creator(conversation).setAuthor("alice").setMediaSid(media).create(twilio);

    Message.deleter(conversation, created.getSid()).delete(twilio);

    mcs.asAccount().get(mcs.media() + "/" + media + "/Content").then().statusCode(404);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
