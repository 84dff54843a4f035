package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which webhooks an event goes to: the {@code X-Twilio-Webhook-Enabled} rule, filters, service
 * webhooks replacing global ones, conversation-scoped targets, and timers.
 */
class WebhookRulesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  @AfterEach
  void stop_listening() {
    server
        .api()
        .formParam("PostWebhookUrl", "")
        .formParam("Filters", "onMessageAdded")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
  }

  private void globalWebhook(String... filters) {
    var request =
        server
            .api()
            .formParam("PostWebhookUrl", receiver.url("/global"))
            .formParam("Target", "webhook");
    for (String filter : filters) {
      request.formParam("Filters", filter);
    }
    request.post("/v1/Configuration/Webhooks").then().statusCode(200);
  }

  private static RequestSpecification loud() {
    return server.api().header("X-Twilio-Webhook-Enabled", "true");
  }

  private static String conversation(RequestSpecification as) {
    return as.post("/v1/Conversations").then().statusCode(201).extract().path("sid");
  }

  private static void say(RequestSpecification as, String conversation, String body) {
    as.formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  private static List<String> bodies(List<Received> requests) {
    return requests.stream().map(r -> r.param("Body")).toList();
  }

  @Test
  void rest_changes_without_the_header_fire_no_webhook() {
    globalWebhook("onMessageAdded");
    String sid = conversation(server.api());

    say(server.api(), sid, "quiet");
    say(loud(), sid, "loud");

    // One lane per conversation and target: had "quiet" been queued, it would arrive first.
    assertThat(bodies(receiver.awaitEvents("onMessageAdded", 1))).containsExactly("loud");
  }

  @Test
  void rest_changes_with_the_header_say_source_api_and_no_client_identity() {
    globalWebhook("onMessageAdded");
    String sid = conversation(server.api());

    say(loud(), sid, "hi");

    Received added = receiver.awaitEvents("onMessageAdded", 1).get(0);
    assertThat(added.param("Source")).isEqualTo("API");
    assertThat(added.params()).doesNotContainKey("ClientIdentity");
  }

  @Test
  void events_missing_from_the_filters_are_not_sent() {
    globalWebhook("onMessageAdded");
    String sid = conversation(loud());

    say(loud(), sid, "after the conversation was added");

    receiver.awaitEvents("onMessageAdded", 1);
    assertThat(receiver.all().stream().map(r -> r.param("EventType")).toList())
        .containsExactly("onMessageAdded");
  }

  @Test
  void service_webhooks_replace_the_global_ones_for_their_service() {
    globalWebhook("onMessageAdded");
    String service =
        server
            .api()
            .formParam("FriendlyName", "own hooks")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    server
        .api()
        .formParam("PostWebhookUrl", receiver.url("/service"))
        .formParam("Filters", "onMessageAdded")
        .post("/v1/Services/" + service + "/Configuration/Webhooks")
        .then()
        .statusCode(200);
    String prefix = "/v1/Services/" + service;
    String sid =
        loud().post(prefix + "/Conversations").then().statusCode(201).extract().path("sid");

    loud()
        .formParam("Body", "hi")
        .post(prefix + "/Conversations/" + sid + "/Messages")
        .then()
        .statusCode(201);

    Received added = receiver.awaitEvents("onMessageAdded", 1).get(0);
    assertThat(added.path()).isEqualTo("/service");
    assertThat(added.param("ChatServiceSid")).isEqualTo(service);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(1))
        .until(() -> receiver.all().stream().noneMatch(r -> r.path().equals("/global")));
  }

  @Test
  void a_scoped_webhook_gets_only_its_filtered_events_with_its_method() {
    String sid = conversation(server.api());
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", receiver.url("/scoped"))
        .formParam("Configuration.Method", "get")
        .formParam("Configuration.Filters", "onMessageAdded")
        .post("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .statusCode(201);

    loud()
        .formParam("FriendlyName", "not listened to")
        .post("/v1/Conversations/" + sid)
        .then()
        .statusCode(200);
    say(loud(), sid, "listened to");

    List<Received> received = receiver.awaitEvents("onMessageAdded", 1);
    assertThat(receiver.all()).hasSize(1);
    assertThat(received.get(0).method()).isEqualTo("GET");
    assertThat(received.get(0).param("Body")).isEqualTo("listened to");
  }

  @Test
  void a_trigger_webhook_gets_only_messages_holding_a_keyword() {
    String sid = conversation(server.api());
    server
        .api()
        .formParam("Target", "trigger")
        .formParam("Configuration.Url", receiver.url("/trigger"))
        .formParam("Configuration.Method", "post")
        .formParam("Configuration.Triggers", "refund")
        .post("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .statusCode(201);

    say(loud(), sid, "refunded? no keyword here");
    say(loud(), sid, "I want a REFUND please");

    assertThat(bodies(receiver.awaitEvents("onMessageAdded", 1)))
        .containsExactly("I want a REFUND please");
  }

  @Test
  void the_web_chat_address_webhook_hears_the_visitors_first_message() {
    String address =
        server
            .api()
            .formParam("Type", "chat")
            .formParam("Address", "urn:parley:events-" + System.nanoTime())
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "webhook")
            .formParam("AutoCreation.WebhookUrl", receiver.url("/address"))
            .formParam("AutoCreation.WebhookMethod", "post")
            .formParam("AutoCreation.WebhookFilters", "onMessageAdded")
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    var chat =
        server
            .api()
            .formParam("AddressSid", address)
            .formParam("ChatFriendlyName", "Chat")
            .formParam("CustomerFriendlyName", "Ann")
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String conversation = chat.getString("conversation_sid");

    loud()
        .formParam("Author", chat.getString("identity"))
        .formParam("Body", "Hi, I need help")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);

    Received first =
        receiver.awaitAll(r -> "onMessageAdded".equals(r.param("EventType")), 1).get(0);
    assertThat(first.path()).isEqualTo("/address");
    assertThat(first.param("ConversationSid")).isEqualTo(conversation);
    assertThat(first.param("Author")).isEqualTo(chat.getString("identity"));
  }

  @Test
  void a_due_timer_fires_state_updated_with_reason_timer() {
    String sid =
        server
            .api()
            .formParam("State", "active")
            .formParam("Timers.Inactive", "PT1M")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", receiver.url("/timers"))
        .formParam("Configuration.Filters", "onConversationStateUpdated")
        .post("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .statusCode(201);

    server.clock().advance(Duration.ofSeconds(61));

    Received state = receiver.awaitEvents("onConversationStateUpdated", 1).get(0);
    assertThat(state.param("ConversationSid")).isEqualTo(sid);
    assertThat(state.param("StateFrom")).isEqualTo("active");
    assertThat(state.param("StateTo")).isEqualTo("inactive");
    assertThat(state.param("Reason")).isEqualTo("TIMER");
  }
}
