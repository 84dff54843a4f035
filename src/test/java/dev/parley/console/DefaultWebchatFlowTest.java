package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.webChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first start creates the "Webchat Flow" a new Flex account gets (trigger, then Send to Flex)
 * and points the default chat address at it: a web chat there reaches the agents' waiting list on
 * the visitor's first message, through the flow. The set-up runs once per store: a deleted flow
 * does not come back, and a store made before it gets the flow at its next start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DefaultWebchatFlowTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static List<String> webchatFlows() {
    return server
        .api()
        .get("/v2/Flows")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("flows.findAll { it.friendly_name == 'Webchat Flow' }.sid", String.class);
  }

  private static JsonPath defaultAddress() {
    return server
        .api()
        .get("/v1/Configuration/Addresses/" + new ConversationFixtures(server).defaultChatAddress())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void visitorSays(String chat, String body) {
    String visitor =
        server
            .api()
            .get("/v1/Conversations/" + chat + "/Participants")
            .then()
            .extract()
            .path("participants[0].identity");
    server
        .api()
        .formParam("Author", visitor)
        .formParam("Body", body)
        .post("/v1/Conversations/" + chat + "/Messages")
        .then()
        .statusCode(201);
  }

  @Test
  @Order(1)
  void the_first_start_creates_a_published_webchat_flow_on_the_default_chat_address() {
    List<String> flows = webchatFlows();

    assertThat(flows).hasSize(1);
    server
        .api()
        .get("/v2/Flows/" + flows.get(0))
        .then()
        .body("status", equalTo("published"))
        .body("valid", equalTo(true))
        .body("definition.states[1].type", equalTo("send-to-flex"));
    JsonPath address = defaultAddress();
    assertThat(address.getString("auto_creation.type")).isEqualTo("studio");
    assertThat(address.getString("auto_creation.studio_flow_sid")).isEqualTo(flows.get(0));
  }

  @Test
  @Order(2)
  void a_default_address_chat_waits_from_its_creation_and_its_first_message_runs_the_flow() {
    LoggedIn ada = loggedIn(server, "ada", "Ada");
    String chat = webChat(server, "Vera", "{}");
    server
        .api()
        .get("/v1/Conversations/" + chat + "/Webhooks")
        .then()
        .body("webhooks[0].target", equalTo("studio"));
    // As before the flow existed: it only hands the chat over, so the chat is the agents' at once.
    ada.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", hasItem(chat));

    visitorSays(chat, "hello");

    ada.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", hasItem(chat));
    String flow = webchatFlows().get(0);
    JsonPath executions =
        server.api().get("/v2/Flows/" + flow + "/Executions").then().extract().jsonPath();
    assertThat(executions.getString("executions[0].status")).isEqualTo("ended");
    assertThat(
            executions.getString(
                "executions[0].context.widgets.SendConversationToAgent" + ".task_attributes.name"))
        .isEqualTo("Vera");
    server.api().get("/v1/Conversations/" + chat + "/Webhooks").then().body("webhooks", hasSize(0));
  }

  @Test
  @Order(3)
  void an_edited_webchat_flow_changes_what_a_new_chat_meets() {
    LoggedIn ada = loggedIn(server, "bob", "Bob");
    String flow = webchatFlows().get(0);
    String ask =
        """
        {"states": [
          {"name": "Trigger", "type": "trigger", "properties": {},
           "transitions": [{"event": "incomingConversationMessage", "next": "ask"}]},
          {"name": "ask", "type": "send-and-wait-for-reply", "properties": {"body": "About?"},
           "transitions": [{"event": "incomingMessage"}]}],
         "initial_state": "Trigger"}
        """;
    server
        .api()
        .formParam("Status", "published")
        .formParam("Definition", ask)
        .post("/v2/Flows/" + flow)
        .then()
        .statusCode(200);
    String chat = webChat(server, "Walt", "{}");

    visitorSays(chat, "hello");

    ada.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", not(hasItem(chat)));
  }

  @Test
  @Order(4)
  void a_deleted_webchat_flow_does_not_come_back_at_the_next_start() {
    server.api().delete("/v2/Flows/" + webchatFlows().get(0)).then().statusCode(204);

    server.restart();

    assertThat(webchatFlows()).isEmpty();
  }

  @Test
  @Order(5)
  void a_store_made_before_the_set_up_gets_the_flow_once_at_its_next_start() throws Exception {
    // What a store from before the set-up has: no set-up row, the address as the first start made
    // it.
    try (Connection db = server.connect()) {
      db.createStatement().execute("DELETE FROM studio_default_flows");
      db.createStatement()
          .execute(
              "UPDATE address_configurations SET auto_creation_type = 'default', studio_flow_sid = NULL"
                  + " WHERE address = 'parley:default-chat'");
    }

    server.restart();
    server.restart();

    List<String> flows = webchatFlows();
    assertThat(flows).hasSize(1);
    assertThat(defaultAddress().getString("auto_creation.studio_flow_sid")).isEqualTo(flows.get(0));
  }
}
