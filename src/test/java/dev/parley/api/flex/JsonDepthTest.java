package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.deploymentKey;
import static dev.parley.api.flex.WebchatFixtures.init;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every JSON input takes at most 32 levels of nesting; a value at the limit goes through every
 * later stage (messages, the timer sweep, the console's chat list) that wraps it in more JSON.
 */
class JsonDepthTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private final ConversationFixtures conversations = new ConversationFixtures(server);

  /** {@code {"a":{"a":...1...}}}, {@code levels} objects deep. */
  private static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{\"a\":1}" + "}".repeat(levels - 1);
  }

  @Test
  void refuses_conversation_attributes_nested_33_deep() {
    server
        .api()
        .formParam("Attributes", nested(33))
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            equalTo("Invalid parameter Attributes: must be nested at most 32 levels deep"));
  }

  @Test
  void refuses_message_attributes_nested_33_deep() {
    String conversation = conversations.conversationWith("ann");

    server
        .api()
        .formParam("Author", "ann")
        .formParam("Body", "hi")
        .formParam("Attributes", nested(33))
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_participant_attributes_nested_33_deep() {
    String conversation = conversations.conversationWith("ann");

    server
        .api()
        .formParam("Identity", "bob")
        .formParam("Attributes", nested(33))
        .post("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_user_attributes_nested_33_deep() {
    server
        .api()
        .formParam("Identity", "deep-user")
        .formParam("Attributes", nested(33))
        .post("/v1/Users")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_pre_engagement_data_nested_33_deep_on_web_chats() {
    server
        .api()
        .formParam("AddressSid", conversations.defaultChatAddress())
        .formParam("ChatFriendlyName", "Chat")
        .formParam("CustomerFriendlyName", "Ann")
        .formParam("PreEngagementData", nested(33))
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745));
  }

  @Test
  void refuses_pre_engagement_data_nested_33_deep_on_webchat_init() {
    String key = deploymentKey(server);

    init(server, key, "PreEngagementData", nested(33))
        .then()
        .statusCode(400)
        .body("code", equalTo(45745));
  }

  @Test
  void a_conversation_with_attributes_32_deep_takes_messages_and_its_timer_fires() {
    String sid =
        server
            .api()
            .formParam("Attributes", nested(32))
            .formParam("State", "active")
            .formParam("Timers.Inactive", "PT1M")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    server
        .api()
        .formParam("Author", "ann")
        .formParam("Body", "hi")
        .formParam("Attributes", nested(32))
        .post("/v1/Conversations/" + sid + "/Messages")
        .then()
        .statusCode(201);
    server.clock().advance(Duration.ofMinutes(2));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "inactive"
                    .equals(
                        server
                            .api()
                            .get("/v1/Conversations/" + sid)
                            .then()
                            .extract()
                            .path("state")));
  }

  @Test
  void a_web_chat_with_pre_engagement_data_32_deep_shows_in_the_console_chat_list() {
    String chat =
        server
            .api()
            .formParam("AddressSid", conversations.defaultChatAddress())
            .formParam("ChatFriendlyName", "Deep chat")
            .formParam("CustomerFriendlyName", "Ann")
            .formParam("PreEngagementData", nested(32))
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");
    server
        .api()
        .formParam("Identity", "deep-agent")
        .formParam("FriendlyName", "Dee")
        .formParam("Password", "correct horse battery")
        .post("/parley/v1/Agents")
        .then()
        .statusCode(201);
    Response login =
        server
            .unchecked()
            .formParam("Identity", "deep-agent")
            .formParam("Password", "correct horse battery")
            .post("/console/login");

    server
        .unchecked()
        .cookies(login.getCookies())
        .get("/console/chats")
        .then()
        .statusCode(200)
        .body("waiting.conversation_sid", hasItem(chat));
  }

  @Test
  void a_chat_whose_stored_pre_engagement_data_is_too_deep_leaves_the_console_chat_list_answering()
      throws Exception {
    String chat = webChat("Old visitor", "{\"a\":1}");
    try (Connection connection = server.connect();
        PreparedStatement update =
            connection.prepareStatement("UPDATE conversations SET attributes = ? WHERE sid = ?")) {
      // Written before the depth limit: what a 1000-level value looked like once stored.
      update.setString(
          1,
          "{\"pre_engagement_data\":"
              + nested(998)
              + ",\"from\":\"Old visitor\",\"channel_type\":\"web\"}");
      update.setString(2, chat);
      update.executeUpdate();
    }

    agentSession("old-data-agent")
        .get("/console/chats")
        .then()
        .statusCode(200)
        .body("waiting.conversation_sid", hasItem(chat));
  }

  private String webChat(String customer, String preEngagement) {
    return server
        .api()
        .formParam("AddressSid", conversations.defaultChatAddress())
        .formParam("ChatFriendlyName", "Chat with " + customer)
        .formParam("CustomerFriendlyName", customer)
        .formParam("PreEngagementData", preEngagement)
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_sid");
  }

  private static RequestSpecification agentSession(String identity) {
    server
        .api()
        .formParam("Identity", identity)
        .formParam("FriendlyName", identity)
        .formParam("Password", "correct horse battery")
        .post("/parley/v1/Agents")
        .then()
        .statusCode(201);
    Response login =
        server
            .unchecked()
            .formParam("Identity", identity)
            .formParam("Password", "correct horse battery")
            .post("/console/login");
    return server.unchecked().cookies(login.getCookies());
  }
}
