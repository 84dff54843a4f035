package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.ORIGIN;
import static dev.parley.api.flex.WebchatFixtures.close;
import static dev.parley.api.flex.WebchatFixtures.deploymentKey;
import static dev.parley.api.flex.WebchatFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.error.TwilioError;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /parley/v1/Webchat/Conversations/{CH}/Close}: a guest ends its own chat with its
 * token, which the SDK cannot do.
 */
class WebchatCloseTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  @AfterEach
  void no_pre_action_webhook() {
    server
        .api()
        .formParam("PreWebhookUrl", "")
        .formParam("Filters", "onMessageAdded")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
  }

  private static String state(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation)
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }

  @Test
  void a_guest_closes_its_own_conversation() {
    String key = deploymentKey(server);
    JsonPath chat = started(server, key);
    String conversation = chat.getString("conversation_sid");

    close(server, key, chat.getString("token"), conversation)
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ORIGIN)
        .body("$", aMapWithSize(3))
        .body("conversation_sid", equalTo(conversation))
        .body("state", equalTo("closed"))
        .body("date_updated", matchesPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));

    assertThat(state(conversation)).isEqualTo("closed");
  }

  @Test
  void closing_fires_state_updated_as_the_guests_own_action() {
    String key = deploymentKey(server);
    JsonPath chat = started(server, key);
    String conversation = chat.getString("conversation_sid");
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", receiver.url("/states"))
        .formParam("Configuration.Filters", "onConversationStateUpdated")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    close(server, key, chat.getString("token"), conversation).then().statusCode(200);

    Received state = receiver.awaitEvents("onConversationStateUpdated", 1).get(0);
    assertThat(state.param("ConversationSid")).isEqualTo(conversation);
    assertThat(state.param("StateFrom")).isEqualTo("active");
    assertThat(state.param("StateTo")).isEqualTo("closed");
    assertThat(state.param("Source")).isEqualTo("SDK");
    assertThat(state.param("ClientIdentity")).isEqualTo(chat.getString("identity"));
  }

  @Test
  void a_pre_action_webhook_may_refuse_the_close() {
    String key = deploymentKey(server);
    JsonPath chat = started(server, key);
    String conversation = chat.getString("conversation_sid");
    server
        .api()
        .formParam("PreWebhookUrl", receiver.url("/pre"))
        .formParam("Filters", "onConversationUpdate")
        .formParam("Target", "webhook")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
    receiver.answer("/pre", 403);

    close(server, key, chat.getString("token"), conversation)
        .then()
        .statusCode(TwilioError.REJECTED_BY_WEBHOOK.status())
        .body("code", equalTo(TwilioError.REJECTED_BY_WEBHOOK.code()));

    Received asked = receiver.received("/pre").get(0);
    assertThat(asked.param("EventType")).isEqualTo("onConversationUpdate");
    assertThat(asked.param("State")).isEqualTo("closed");
    assertThat(asked.param("ClientIdentity")).isEqualTo(chat.getString("identity"));
    assertThat(state(conversation)).isEqualTo("active");
  }

  @Test
  void closing_a_closed_conversation_answers_it_closed() {
    String key = deploymentKey(server);
    JsonPath chat = started(server, key);
    String conversation = chat.getString("conversation_sid");
    server
        .api()
        .formParam("State", "closed")
        .post("/v1/Conversations/" + conversation)
        .then()
        .statusCode(200);

    close(server, key, chat.getString("token"), conversation)
        .then()
        .statusCode(200)
        .body("state", equalTo("closed"));
  }

  @Test
  void a_guest_cannot_close_another_visitors_conversation() {
    String key = deploymentKey(server);
    JsonPath mallory = started(server, key);
    String other = started(server, key).getString("conversation_sid");

    close(server, key, mallory.getString("token"), other)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body("status", equalTo(403))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20403"));

    assertThat(state(other)).isEqualTo("active");
  }

  @Test
  void an_unknown_conversation_is_not_found() {
    String key = deploymentKey(server);
    String token = started(server, key).getString("token");

    close(server, key, token, "CH00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message",
            equalTo(
                "The requested resource /parley/v1/Webchat/Conversations/"
                    + "CH00000000000000000000000000000000/Close was not found"));
  }

  @Test
  void refuses_an_agents_token_even_in_the_agents_own_conversation() {
    String key = deploymentKey(server);
    String conversation = started(server, key).getString("conversation_sid");
    String service =
        server
            .api()
            .get("/v1/Conversations/" + conversation)
            .then()
            .extract()
            .path("chat_service_sid");
    server
        .api()
        .formParam("Identity", "agent-bob")
        .post("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(201);
    JsonPath apiKey =
        server
            .api()
            .formParam("FriendlyName", "desk")
            .post("/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String agentToken =
        new AccessToken.Builder(
                ParleyServer.ACCOUNT_SID,
                apiKey.getString("sid"),
                apiKey.getString("secret").getBytes(StandardCharsets.UTF_8))
            .identity("agent-bob")
            .grant(new ChatGrant().setServiceSid(service))
            .build()
            .toJwt();

    close(server, key, agentToken, conversation)
        .then()
        .statusCode(401)
        .body("code", equalTo(20103));

    assertThat(state(conversation)).isEqualTo("active");
  }

  @Test
  void needs_the_guests_token() {
    String key = deploymentKey(server);
    String conversation = started(server, key).getString("conversation_sid");

    server
        .unchecked()
        .header("Origin", ORIGIN)
        .formParam("DeploymentKey", key)
        .post("/parley/v1/Webchat/Conversations/" + conversation + "/Close")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_a_disallowed_origin_without_a_cors_grant() {
    String key = deploymentKey(server);
    JsonPath chat = started(server, key);

    server
        .unchecked()
        .header("Origin", "https://evil.example.com")
        .formParam("DeploymentKey", key)
        .formParam("Token", chat.getString("token"))
        .post("/parley/v1/Webchat/Conversations/" + chat.getString("conversation_sid") + "/Close")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .header("Access-Control-Allow-Origin", (String) null);

    assertThat(state(chat.getString("conversation_sid"))).isEqualTo("active");
  }
}
