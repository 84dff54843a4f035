package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.PASSWORD;
import static dev.parley.console.ConsoleFixtures.agent;
import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.login;
import static dev.parley.console.ConsoleFixtures.webChat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /console/chats/{Sid}/studio}: an agent sees what Studio flows did in a chat (steps in
 * order, variables, widget outputs, the task attributes send-to-flex set) under the details' rule:
 * its own chats and waiting ones, never another agent's nor another account's.
 */
class ConsoleStudioExecutionsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String FLOW =
      """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingConversationMessage", "next": "remember"}]},
        {"name": "remember", "type": "set-variables",
         "properties": {"variables": [{"key": "topic", "value": "{{trigger.conversation.Body}}"}]},
         "transitions": [{"event": "next", "next": "ask"}]},
        {"name": "ask", "type": "send-and-wait-for-reply",
         "properties": {"body": "Your order number?", "from": "Bot"},
         "transitions": [{"event": "incomingMessage", "next": "agent"}]},
        {"name": "agent", "type": "send-to-flex",
         "properties": {"attributes":
           "{\\"topic\\": \\"{{flow.variables.topic}}\\", \\"order\\": \\"{{widgets.ask.inbound.Body}}\\"}"},
         "transitions": [{"event": "callComplete"}]}],
       "initial_state": "Trigger"}
      """;

  private static String studioAddress;

  @BeforeAll
  static void triageFlowOnAnAddress() {
    String flow =
        server
            .api()
            .formParam("FriendlyName", "Triage")
            .formParam("Status", "published")
            .formParam("Definition", FLOW)
            .post("/v2/Flows")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    studioAddress =
        server
            .api()
            .formParam("Type", "chat")
            .formParam("Address", "urn:parley:console-studio")
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "studio")
            .formParam("AutoCreation.StudioFlowSid", flow)
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
  }

  /** A web chat on the flow's address; its conversation SID. */
  private static String flowChat(String customer) {
    return server
        .api()
        .formParam("AddressSid", studioAddress)
        .formParam("ChatFriendlyName", "Chat with " + customer)
        .formParam("CustomerFriendlyName", customer)
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_sid");
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

  private static Response studio(LoggedIn agent, String chat) {
    return agent.request(server).get("/console/chats/" + chat + "/studio");
  }

  @Test
  void the_agent_of_a_chat_sent_to_it_sees_the_flows_steps_context_and_task_attributes() {
    LoggedIn ada = loggedIn(server, "ada", "Ada");
    String chat = flowChat("Vera");
    visitorSays(chat, "billing");
    visitorSays(chat, "4711");
    ada.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    studio(ada, chat)
        .then()
        .statusCode(200)
        .body("conversation_sid", equalTo(chat))
        .body("executions", hasSize(1))
        .body("executions[0].flow_name", equalTo("Triage"))
        .body("executions[0].status", equalTo("ended"))
        .body("executions[0].waiting_on", nullValue())
        .body(
            "executions[0].steps.name",
            contains("incomingConversationMessage", "next", "incomingMessage", "callComplete"))
        .body(
            "executions[0].steps.transitioned_from",
            contains("Trigger", "remember", "ask", "agent"))
        .body("executions[0].steps.transitioned_to", contains("remember", "ask", "agent", "Ended"))
        .body("executions[0].steps[0].date_created", notNullValue())
        .body("executions[0].variables.topic", equalTo("billing"))
        .body("executions[0].widgets.ask.inbound.Body", equalTo("4711"))
        .body("executions[0].task_attributes.topic", equalTo("billing"))
        .body("executions[0].task_attributes.order", equalTo("4711"));
  }

  @Test
  void a_chat_the_flow_still_talks_in_shows_the_execution_waiting_on_its_widget() {
    LoggedIn bea = loggedIn(server, "bea", "Bea");
    String chat = flowChat("Walt");
    visitorSays(chat, "returns");

    studio(bea, chat)
        .then()
        .statusCode(200)
        .body("executions[0].status", equalTo("active"))
        .body("executions[0].waiting_on", equalTo("ask"))
        .body("executions[0].wait_until", notNullValue())
        .body("executions[0].task_attributes", nullValue());
  }

  @Test
  void credentials_a_flow_fetched_from_parleys_own_api_are_hidden_from_agents() {
    String account = "/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + ".json";
    String flow =
        server
            .api()
            .formParam("FriendlyName", "Account lookup")
            .formParam("Status", "published")
            .formParam("Definition", ACCOUNT_LOOKUP.formatted(server.baseUrl() + account))
            .post("/v2/Flows")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String address =
        server
            .api()
            .formParam("Type", "chat")
            .formParam("Address", "urn:parley:console-studio-lookup")
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "studio")
            .formParam("AutoCreation.StudioFlowSid", flow)
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String chat =
        server
            .api()
            .formParam("AddressSid", address)
            .formParam("ChatFriendlyName", "Chat with Ugo")
            .formParam("CustomerFriendlyName", "Ugo")
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");
    LoggedIn gus = loggedIn(server, "gus", "Gus");
    visitorSays(chat, "hello");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> studio(gus, chat).path("executions[0].status"), "ended"::equals);

    studio(gus, chat)
        .then()
        .statusCode(200)
        .body("executions[0].widgets.lookup.status_code", equalTo(200))
        .body("executions[0].widgets.lookup.parsed.sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("executions[0].widgets.lookup.parsed.auth_token", equalTo("(hidden)"))
        .body("executions[0].widgets.lookup.body", nullValue())
        .body("executions[0].variables.token", equalTo("(hidden)"))
        .body(not(containsString(ParleyServer.AUTH_TOKEN)));
  }

  /** Reads the account resource as the account and keeps its auth token in a variable. */
  private static final String ACCOUNT_LOOKUP =
      """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingConversationMessage", "next": "lookup"}]},
        {"name": "lookup", "type": "make-http-request",
         "properties": {"method": "GET", "url": "%s", "add_twilio_auth": true,
                        "content_type": "application/x-www-form-urlencoded;charset=utf-8"},
         "transitions": [{"event": "success", "next": "keep"}, {"event": "failed", "next": "keep"}]},
        {"name": "keep", "type": "set-variables",
         "properties": {"variables": [{"key": "token", "value": "{{widgets.lookup.parsed.auth_token}}"}]},
         "transitions": [{"event": "next", "next": "agents"}]},
        {"name": "agents", "type": "send-to-flex", "properties": {"attributes": "{}"},
         "transitions": [{"event": "callComplete"}]}],
       "initial_state": "Trigger"}
      """;

  @Test
  void a_chat_no_flow_ran_in_has_no_executions() {
    LoggedIn cid = loggedIn(server, "cid", "Cid");
    String chat = webChat(server, "Xena", "{}");

    studio(cid, chat).then().statusCode(200).body("executions", empty());
  }

  @Test
  void another_agents_chat_is_403() {
    LoggedIn dan = loggedIn(server, "dan", "Dan");
    LoggedIn eve = loggedIn(server, "eve", "Eve");
    String chat = flowChat("Yuri");
    visitorSays(chat, "billing");
    visitorSays(chat, "1");
    dan.change(server).post("/console/chats/" + chat + "/accept").then().statusCode(200);

    studio(eve, chat).then().statusCode(403).body("code", equalTo(20403));
  }

  @Test
  void another_accounts_chat_is_404_as_an_unknown_one() {
    String other =
        server
            .api()
            .formParam("FriendlyName", "Other shop")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String token =
        server
            .api()
            .get("/2010-04-01/Accounts/" + other + ".json")
            .then()
            .extract()
            .path("auth_token");
    agent(server.as(other, token), "oli", "Oli of another account");
    Response loggedIn = login(server, "oli", PASSWORD);
    LoggedIn oli =
        new LoggedIn("oli", loggedIn.getCookie(ConsoleAuth.COOKIE), loggedIn.path("csrf_token"));
    String chat = flowChat("Zora");
    visitorSays(chat, "billing");

    studio(oli, chat).then().statusCode(404).body("code", equalTo(20404));
    studio(oli, "CH00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void a_malformed_sid_is_404_never_a_500() {
    LoggedIn fay = loggedIn(server, "fay", "Fay");

    studio(fay, "CH%27%20OR%201=1--").then().statusCode(404).body("code", equalTo(20404));
  }

  @Test
  void without_a_session_it_is_401() {
    String chat = flowChat("Abe");

    server
        .unchecked()
        .get("/console/chats/" + chat + "/studio")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }
}
