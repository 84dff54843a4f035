package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.webChat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web chat whose address runs a Studio flow reaches the agents' waiting list only when the flow
 * sends it to Flex: not before the visitor writes, not while the flow talks with the visitor.
 */
class ConsoleStudioQueueTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String FLOW =
      """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingConversationMessage", "next": "ask"}]},
        {"name": "ask", "type": "send-and-wait-for-reply",
         "properties": {"body": "What is it about?"},
         "transitions": [{"event": "incomingMessage", "next": "agent"}]},
        {"name": "agent", "type": "send-to-flex", "properties": {"attributes": "{}"},
         "transitions": [{"event": "callComplete"}]}],
       "initial_state": "Trigger"}
      """;

  @BeforeAll
  static void studioAddress() {
    String flow =
        server
            .api()
            .formParam("FriendlyName", "Webchat flow")
            .formParam("Status", "published")
            .formParam("Definition", FLOW)
            .post("/v2/Flows")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    server
        .api()
        .formParam("AutoCreation.Enabled", "true")
        .formParam("AutoCreation.Type", "studio")
        .formParam("AutoCreation.StudioFlowSid", flow)
        .post(
            "/v1/Configuration/Addresses/" + new ConversationFixtures(server).defaultChatAddress())
        .then()
        .statusCode(200);
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
  void a_chat_waits_for_agents_only_once_the_flow_sends_it_to_flex() {
    LoggedIn ada = loggedIn(server, "ada", "Ada");
    String chat = webChat(server, "Vera", "{}");

    ada.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", not(hasItem(chat)));
    visitorSays(chat, "hello");
    ada.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", not(hasItem(chat)));
    visitorSays(chat, "my order");

    ada.request(server)
        .get("/console/chats")
        .then()
        .body("waiting.conversation_sid", hasItem(chat));
  }
}
