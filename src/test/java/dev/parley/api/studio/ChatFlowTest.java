package dev.parley.api.studio;

import static dev.parley.api.studio.StudioFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flow attached to a conversation (a web chat of a studio address, or a studio webhook) runs on
 * the visitor's messages: it asks, waits, splits on the answer, replies and hands the chat to
 * agents; its wait times out and survives a restart.
 */
class ChatFlowTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final StudioFixtures fixtures = new StudioFixtures(server);

  /** A web chat of a new studio address naming {@code flow}: {conversation, visitor identity}. */
  private String[] webChat(String flow) {
    return StudioChats.webChat(server, flow);
  }

  private void say(String conversation, String author, String body) {
    server
        .api()
        .formParam("Author", author)
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  private List<String> bodies(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("messages.body", String.class);
  }

  private JsonPath executions(String flow) {
    return server
        .api()
        .get("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void the_visitors_first_message_starts_the_flow_which_asks_and_waits() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);

    say(chat[0], chat[1], "hello");

    assertThat(bodies(chat[0])).containsExactly("hello", "Hi " + chat[1] + ", sales or support?");
    JsonPath executions = executions(flow);
    assertThat(executions.getString("executions[0].status")).isEqualTo("active");
    assertThat(executions.getString("executions[0].context.trigger.conversation.Body"))
        .isEqualTo("hello");
    assertThat(executions.getString("executions[0].contact_channel_address")).isEqualTo(chat[1]);
    assertThat(
            executions.getString(
                "executions[0].context.trigger.conversation.ChannelAttributes.channel_type"))
        .isEqualTo("web");
    server
        .api()
        .get("/v1/Conversations/" + chat[0] + "/Messages")
        .then()
        .body("messages[1].author", equalTo("Bot"));
  }

  @Test
  void the_answer_is_split_replied_to_and_the_chat_handed_to_agents() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");

    say(chat[0], chat[1], "Buy");

    assertThat(bodies(chat[0])).endsWith("Buy", "Sales it is.");
    String execution = executions(flow).getString("executions[0].sid");
    JsonPath steps =
        server
            .api()
            .get("/v2/Flows/" + flow + "/Executions/" + execution + "/Steps")
            .then()
            .extract()
            .jsonPath();
    assertThat(steps.getList("steps.name", String.class))
        .containsExactly(
            "incomingConversationMessage", "incomingMessage", "match", "sent", "callComplete");
    assertThat(steps.getString("steps[4].context.task_attributes.topic")).isEqualTo("Buy");
    assertThat(executions(flow).getString("executions[0].status")).isEqualTo("ended");
    server
        .api()
        .get("/v1/Conversations/" + chat[0] + "/Webhooks")
        .then()
        .body("webhooks", hasSize(0));
  }

  @Test
  void after_send_to_flex_the_visitors_messages_start_nothing() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");
    say(chat[0], chat[1], "help me");

    say(chat[0], chat[1], "anyone?");

    assertThat(executions(flow).getList("executions")).hasSize(1);
    assertThat(bodies(chat[0])).endsWith("Support: you said help me.", "anyone?");
  }

  @Test
  void a_message_while_the_flow_waits_is_its_answer_not_a_second_execution() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");
    say(chat[0], chat[1], "support");

    assertThat(executions(flow).getList("executions")).hasSize(1);
  }

  @Test
  void an_unanswered_question_times_out() {
    String flow = fixtures.flow("published", chat(5));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");

    server.clock().advance(Duration.ofSeconds(6));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bodies(chat[0]), b -> b.contains("No answer; bye."));
    assertThat(executions(flow).getString("executions[0].status")).isEqualTo("ended");
  }

  @Test
  void a_wait_survives_a_restart() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");

    server.restart();
    say(chat[0], chat[1], "sales");

    assertThat(bodies(chat[0])).endsWith("sales", "Sales it is.");
  }

  @Test
  void the_rest_api_can_end_a_waiting_execution() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");
    String execution = executions(flow).getString("executions[0].sid");

    server
        .api()
        .formParam("Status", "ended")
        .post("/v2/Flows/" + flow + "/Executions/" + execution)
        .then()
        .statusCode(200)
        .body("status", equalTo("ended"));
    say(chat[0], chat[1], "sales");

    assertThat(executions(flow).getList("executions")).hasSize(2);
  }

  @Test
  void a_contact_with_an_active_execution_cannot_get_a_second_by_rest() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);
    say(chat[0], chat[1], "hello");

    server
        .api()
        .formParam("To", chat[1])
        .formParam("From", "Bot")
        .post("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(409)
        .body("code", equalTo(20409));
  }

  @Test
  void a_draft_flow_does_not_run() {
    String flow = fixtures.flow("draft", chat(3600));
    String[] chat = webChat(flow);

    say(chat[0], chat[1], "hello");

    assertThat(bodies(chat[0])).containsExactly("hello");
    assertThat(executions(flow).getList("executions")).isEmpty();
  }

  @Test
  void a_message_without_a_participant_starts_nothing() {
    String flow = fixtures.flow("published", chat(3600));
    String[] chat = webChat(flow);

    say(chat[0], "system", "Welcome");

    assertThat(executions(flow).getList("executions")).isEmpty();
  }

  @Test
  void another_accounts_flow_named_in_a_webhook_does_not_run() {
    String flow = fixtures.flow("published", chat(3600));
    Supplier<RequestSpecification> other = fixtures.otherAccount();
    String conversation =
        other.get().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
    other
        .get()
        .formParam("Identity", "mallory")
        .post("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(201);
    other
        .get()
        .formParam("Target", "studio")
        .formParam("Configuration.FlowSid", flow)
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    other
        .get()
        .formParam("Author", "mallory")
        .formParam("Body", "run yours")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);

    assertThat(executions(flow).getList("executions")).isEmpty();
    other
        .get()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .body("messages", hasSize(1));
  }

  @Test
  void a_test_user_runs_the_latest_draft_and_others_the_published_revision() {
    String flow = fixtures.flow("published", chat(3600));
    server
        .api()
        .formParam("Status", "draft")
        .formParam("Definition", chat(3600).replace("sales or support?", "draft question?"))
        .post("/v2/Flows/" + flow)
        .then()
        .statusCode(200);
    String[] tester = webChat(flow);
    String[] visitor = webChat(flow);
    server
        .api()
        .formParam("TestUsers", tester[1])
        .post("/v2/Flows/" + flow + "/TestUsers")
        .then()
        .statusCode(200)
        .body("test_users", equalTo(List.of(tester[1])));

    say(tester[0], tester[1], "hello");
    say(visitor[0], visitor[1], "hello");

    assertThat(bodies(tester[0])).endsWith("Hi " + tester[1] + ", draft question?");
    assertThat(bodies(visitor[0])).endsWith("Hi " + visitor[1] + ", sales or support?");
  }

  @Test
  void a_message_from_the_flows_own_address_is_the_systems_not_the_visitors() {
    String flow = fixtures.flow("published", StudioFixtures.HELLO);
    String[] chat = webChat(flow);

    say(chat[0], chat[1], "hello");

    server
        .api()
        .get("/v1/Conversations/" + chat[0] + "/Messages")
        .then()
        .body("messages[1].author", equalTo("system"))
        .body("messages[1].body", equalTo("Hello there"));
  }
}
