package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.conversation.NewConversation;
import dev.parley.conversation.NewMessage;
import dev.parley.conversation.Scope;
import dev.parley.conversation.UserChanges;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Origin;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ConversationSid;
import dev.parley.ids.UserRef;
import dev.parley.json.Attributes;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.FaultyReceiver;
import dev.parley.testing.FaultyReceiver.Fault;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pre-action webhooks see SDK changes before they happen and may rewrite or reject them
 * (https://www.twilio.com/docs/conversations/conversations-webhooks). No endpoint speaks for an SDK
 * client yet, so the changes are made through the domain service with an SDK origin, as the
 * realtime endpoint will; everything else goes through the wire.
 */
class PreActionWebhooksTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebhookReceiver receiver = new WebhookReceiver();
  private String conversation;

  @BeforeEach
  void listen_before_and_after_messages() {
    server
        .api()
        .formParam("PreWebhookUrl", receiver.url("/pre"))
        .formParam("PostWebhookUrl", receiver.url("/post"))
        .formParam("Filters", "onMessageAdd")
        .formParam("Filters", "onMessageAdded")
        .formParam("Target", "webhook")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
    conversation =
        server.api().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
  }

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  private String sendAsSdkClient(String identity, String body) {
    Scope scope =
        server
            .parley()
            .wiring()
            .directory()
            .scope(new AccountSid(ParleyServer.ACCOUNT_SID), null)
            .by(Origin.sdk(identity));
    return server
        .parley()
        .wiring()
        .messages()
        .create(
            scope,
            new ConversationSid(conversation),
            NewMessage.text(identity, body, Attributes.EMPTY))
        .record()
        .sid();
  }

  private String stored(String message, String field) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages/" + message)
        .then()
        .statusCode(200)
        .extract()
        .path(field);
  }

  private int messageCount() {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .extract()
        .path("messages.size()");
  }

  @Test
  void asks_with_the_documented_fields_before_an_sdk_message() {
    sendAsSdkClient("alice", "hello");

    Received asked = receiver.received("/pre").get(0);
    assertThat(asked.param("EventType")).isEqualTo("onMessageAdd");
    assertThat(asked.param("Source")).isEqualTo("SDK");
    assertThat(asked.param("ClientIdentity")).isEqualTo("alice");
    assertThat(asked.param("ConversationSid")).isEqualTo(conversation);
    assertThat(asked.param("Body")).isEqualTo("hello");
    assertThat(asked.param("Author")).isEqualTo("alice");
    assertThat(asked.params()).doesNotContainKeys("MessageSid", "Index");
    assertThat(asked.header("X-Twilio-Signature")).isNotBlank();
  }

  @Test
  void a_json_answer_rewrites_body_author_and_attributes() {
    receiver.answerJson(
        "/pre",
        "{\"body\":\"[redacted]\",\"author\":\"moderator\",\"attributes\":\"{\\\"flag\\\":1}\"}");

    String sid = sendAsSdkClient("alice", "my card is 4111 1111 1111 1111");

    assertThat(stored(sid, "body")).isEqualTo("[redacted]");
    assertThat(stored(sid, "author")).isEqualTo("moderator");
    assertThat(stored(sid, "attributes")).isEqualTo("{\"flag\":1}");
    Received published = receiver.awaitEvents("onMessageAdded", 1).get(0);
    assertThat(published.param("Body")).isEqualTo("[redacted]");
  }

  @Test
  void a_json_answer_renames_a_new_conversation() {
    server
        .api()
        .formParam("Filters", "onConversationAdd")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
    receiver.answerJson("/pre", "{\"friendly_name\":\"Support #42\"}");
    Scope scope =
        server
            .parley()
            .wiring()
            .directory()
            .scope(new AccountSid(ParleyServer.ACCOUNT_SID), null)
            .by(Origin.sdk("alice"));

    String sid =
        server
            .parley()
            .wiring()
            .conversations()
            .create(scope, NewConversation.named("Chat", Attributes.EMPTY))
            .sid();

    assertThat(receiver.received("/pre").get(0).param("EventType")).isEqualTo("onConversationAdd");
    assertThat(
            server
                .api()
                .get("/v1/Conversations/" + sid)
                .then()
                .statusCode(200)
                .extract()
                .<String>path("friendly_name"))
        .isEqualTo("Support #42");
  }

  @Test
  void an_error_answer_rejects_the_change() {
    receiver.answer("/pre", 403);

    assertThatThrownBy(() -> sendAsSdkClient("alice", "spam"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(TwilioError.REJECTED_BY_WEBHOOK));
    assertThat(messageCount()).isZero();
  }

  @Test
  void attributes_that_are_not_json_are_refused() {
    receiver.answerJson("/pre", "{\"attributes\":\"not json\"}");

    assertThatThrownBy(() -> sendAsSdkClient("alice", "hi"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(TwilioError.INVALID_PARAMETER));
    assertThat(messageCount()).isZero();
  }

  @Test
  void no_answer_within_five_seconds_publishes_unmodified() {
    receiver.hang("/pre");
    Instant start = Instant.now();

    String sid = sendAsSdkClient("alice", "still here");

    assertThat(Duration.between(start, Instant.now()))
        .isBetween(Duration.ofMillis(4900), Duration.ofSeconds(8));
    assertThat(stored(sid, "body")).isEqualTo("still here");
  }

  @Test
  void an_answer_trickled_past_five_seconds_publishes_unmodified() {
    try (FaultyReceiver trickles = new FaultyReceiver(Fault.TRICKLE)) {
      server
          .api()
          .formParam("PreWebhookUrl", trickles.url("/pre"))
          .post("/v1/Configuration/Webhooks")
          .then()
          .statusCode(200);
      Instant start = Instant.now();

      String sid =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> sendAsSdkClient("alice", "slowly now"));

      assertThat(Duration.between(start, Instant.now()))
          .isBetween(Duration.ofMillis(4900), Duration.ofSeconds(8));
      assertThat(stored(sid, "body")).isEqualTo("slowly now");
    }
  }

  @Test
  void rest_changes_never_ask_even_with_webhooks_enabled() {
    server
        .api()
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("Body", "from the API")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);

    receiver.awaitEvents("onMessageAdded", 1);
    assertThat(receiver.received("/pre")).isEmpty();
  }

  @Test
  void sdk_changes_fire_post_action_webhooks_naming_the_client() {
    sendAsSdkClient("bob", "hi");

    Received published = receiver.awaitEvents("onMessageAdded", 1).get(0);
    assertThat(published.param("Source")).isEqualTo("SDK");
    assertThat(published.param("ClientIdentity")).isEqualTo("bob");
  }

  private Scope sdk(String identity) {
    return server
        .parley()
        .wiring()
        .directory()
        .scope(new AccountSid(ParleyServer.ACCOUNT_SID), null)
        .by(Origin.sdk(identity));
  }

  @Test
  void an_sdk_change_cannot_skip_its_pre_action_through_a_transaction_twin() {
    var services = server.parley().wiring();
    Scope alice = sdk("alice");

    assertThatThrownBy(
            () ->
                server
                    .parley()
                    .store()
                    .write(
                        tx ->
                            services
                                .conversations()
                                .create(
                                    tx, alice, NewConversation.named("Chat", Attributes.EMPTY))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                server
                    .parley()
                    .store()
                    .write(
                        tx ->
                            services
                                .users()
                                .update(
                                    tx,
                                    alice,
                                    UserRef.of("alice"),
                                    new UserChanges("A", null, null))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                server
                    .parley()
                    .store()
                    .write(
                        tx ->
                            services
                                .messages()
                                .create(
                                    tx,
                                    alice,
                                    new ConversationSid(conversation),
                                    NewMessage.text("alice", "hi", Attributes.EMPTY))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(receiver.received("/pre")).isEmpty();
  }

  @Test
  void a_refusing_on_conversation_add_blocks_an_sdk_create() {
    server
        .api()
        .formParam("Filters", "onConversationAdd")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
    receiver.answer("/pre", 403);

    assertThatThrownBy(
            () ->
                server
                    .parley()
                    .wiring()
                    .conversations()
                    .create(sdk("alice"), NewConversation.named("Chat", Attributes.EMPTY)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(TwilioError.REJECTED_BY_WEBHOOK));
  }

  @Test
  void rest_and_web_chat_creates_never_ask_on_conversation_add() {
    server
        .api()
        .formParam("Filters", "onConversationAdd")
        .formParam("Filters", "onConversationAdded")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
    receiver.answer("/pre", 403);

    server
        .api()
        .header("X-Twilio-Webhook-Enabled", "true")
        .post("/v1/Conversations")
        .then()
        .statusCode(201);
    server
        .api()
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("FriendlyName", "with people")
        .post("/v1/ConversationWithParticipants")
        .then()
        .statusCode(201);
    server
        .api()
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("AddressSid", new ConversationFixtures(server).defaultChatAddress())
        .post("/v2/WebChats")
        .then()
        .statusCode(201);

    receiver.awaitEvents("onConversationAdded", 3);
    assertThat(receiver.received("/pre")).isEmpty();
  }
}
