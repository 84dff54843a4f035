package dev.parley.media;

import static dev.parley.testing.SyncSteps.httpStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.parley.realtime.TwilsockFrame;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import dev.parley.testing.TwilsockClient;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Media in webhooks as Twilio sends them ({@code Media}: a JSON string of {@code [{Sid, Filename,
 * ContentType, Size, Category}]}), post-action and pre-action, and the SDK's refused media.
 */
class MediaWebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static MediaClient mcs;
  private static TwilioRestClient twilio;
  private static ConversationFixtures fixtures;
  private final WebhookReceiver receiver = new WebhookReceiver();

  @BeforeAll
  static void clients() {
    mcs = new MediaClient(server);
    twilio = TwilioClients.of(server);
    fixtures = new ConversationFixtures(server);
  }

  @BeforeEach
  void listen() {
    server
        .api()
        .formParam("PreWebhookUrl", receiver.url("/pre"))
        .formParam("PostWebhookUrl", receiver.url("/post"))
        .formParam("Filters", "onMessageAdd")
        .formParam("Filters", "onMessageAdded")
        .formParam("Filters", "onMessageUpdated")
        .formParam("Filters", "onMessageRemoved")
        .formParam("Target", "webhook")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  @Test
  void on_message_added_carries_the_media_as_twilio_sends_them() throws Exception {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.uploadAs("alice", "image/png", bytes("pixels")).getString("sid");

    String message = messageWith(conversation, media);

    Received added = receiver.awaitEvents("onMessageAdded", 1).get(0);
    assertThat(added.param("MessageSid")).isEqualTo(message);
    JsonNode sent = JSON.readTree(added.param("Media"));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).path("Sid").asText()).isEqualTo(media);
    assertThat(sent.get(0).path("Filename").asText()).isEqualTo("file.bin");
    assertThat(sent.get(0).path("ContentType").asText()).isEqualTo("image/png");
    assertThat(sent.get(0).path("Size").intValue()).isEqualTo(6);
    assertThat(sent.get(0).path("Category").asText()).isEqualTo("media");
  }

  @Test
  void on_message_updated_and_removed_carry_the_media_too() throws Exception {
    String conversation = fixtures.conversationWith("alice");
    String media = mcs.uploadAs("alice", "image/png", bytes("pixels")).getString("sid");
    String message = messageWith(conversation, media);

    Message.updater(conversation, message)
        .setBody("edited")
        .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE)
        .update(twilio);
    Message.deleter(conversation, message)
        .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE)
        .delete(twilio);

    Received updated = receiver.awaitEvents("onMessageUpdated", 1).get(0);
    Received removed = receiver.awaitEvents("onMessageRemoved", 1).get(0);
    assertThat(JSON.readTree(updated.param("Media")).get(0).path("Sid").asText()).isEqualTo(media);
    assertThat(JSON.readTree(removed.param("Media")).get(0).path("Sid").asText()).isEqualTo(media);
  }

  @Test
  void a_message_without_media_sends_no_media_field() {
    String conversation = fixtures.conversationWith("alice");

    Message.creator(conversation)
        .setBody("just words")
        .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE)
        .create(twilio);

    assertThat(receiver.awaitEvents("onMessageAdded", 1).get(0).params())
        .doesNotContainKey("Media");
  }

  @Test
  void the_pre_action_webhook_sees_an_sdk_messages_media_before_it_is_posted() throws Exception {
    String conversation = fixtures.conversationWith("bob");
    String media = mcs.uploadAs("bob", "application/pdf", bytes("%PDF-1.7")).getString("sid");

    try (TwilsockClient bob = connected("bob")) {
      TwilsockFrame reply = sendFromSdk(bob, conversation, "{\"media_sids\":[\"" + media + "\"]}");

      assertThat(httpStatus(reply)).isEqualTo(201);
    }
    Received asked = receiver.received("/pre").get(0);
    assertThat(asked.param("EventType")).isEqualTo("onMessageAdd");
    JsonNode sent = JSON.readTree(asked.param("Media"));
    assertThat(sent.get(0).path("Sid").asText()).isEqualTo(media);
    assertThat(sent.get(0).path("ContentType").asText()).isEqualTo("application/pdf");
  }

  @Test
  void a_pre_action_refusal_leaves_the_upload_unattached() {
    String conversation = fixtures.conversationWith("carol");
    String media = mcs.uploadAs("carol", "image/png", bytes("no")).getString("sid");
    receiver.answer("/pre", 403);

    try (TwilsockClient carol = connected("carol")) {
      TwilsockFrame reply =
          sendFromSdk(carol, conversation, "{\"media_sids\":[\"" + media + "\"]}");

      assertThat(httpStatus(reply)).isEqualTo(403);
    }
    mcs.asAccount()
        .get(mcs.media() + "/" + media)
        .then()
        .statusCode(200)
        .body("message_sid", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void the_sdk_is_refused_an_unknown_medium_before_the_pre_action_is_asked() {
    String conversation = fixtures.conversationWith("dave");

    try (TwilsockClient dave = connected("dave")) {
      TwilsockFrame reply =
          sendFromSdk(dave, conversation, "{\"media_sids\":[\"ME" + "0".repeat(32) + "\"]}");

      assertThat(httpStatus(reply)).isEqualTo(400);
      assertThat(TwilsockClient.body(reply).path("code").intValue()).isEqualTo(20001);
    }
    assertThat(receiver.received("/pre")).isEmpty();
  }

  @Test
  void media_of_another_service_is_refused() {
    String conversation = fixtures.conversationWith("erin");
    String otherService =
        server
            .api()
            .formParam("FriendlyName", "other")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String media =
        mcs.asAccount()
            .contentType("image/png")
            .body(bytes("elsewhere"))
            .post("/v1/Services/" + otherService + "/Media")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    server
        .api()
        .formParam("Author", "erin")
        .formParam("MediaSid", media)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo(20001));
  }

  @Test
  void media_of_another_account_is_refused() {
    String conversation = fixtures.conversationWith("frank");
    JsonPath tenant =
        server
            .api()
            .formParam("FriendlyName", "tenant")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String tenantService =
        server
            .as(tenant.getString("sid"), tenant.getString("auth_token"))
            .get("/v1/Configuration")
            .then()
            .statusCode(200)
            .extract()
            .path("default_chat_service_sid");
    String theirs =
        mcs.exact()
            .auth()
            .preemptive()
            .basic(tenant.getString("sid"), tenant.getString("auth_token"))
            .contentType("image/png")
            .body(bytes("theirs"))
            .post("/v1/Services/" + tenantService + "/Media")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    server
        .api()
        .formParam("Author", "frank")
        .formParam("MediaSid", theirs)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo(20001));
  }

  private static String messageWith(String conversation, String media) {
    return Message.creator(conversation)
        .setAuthor("alice")
        .setMediaSid(media)
        // REST changes call webhooks only when asked to, as on Twilio.
        .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE)
        .create(twilio)
        .getSid();
  }

  private static TwilsockFrame sendFromSdk(
      TwilsockClient client, String conversation, String body) {
    String path =
        "/Client/v2/Services/" + mcs.serviceSid() + "/Conversations/" + conversation + "/Messages";
    return client.awaitReply(client.request("POST", path, null, body));
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(mcs.token(identity));
    return client;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
