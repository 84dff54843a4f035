package dev.parley.api.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.studio.v2.Flow;
import com.twilio.rest.studio.v2.flow.Execution;
import com.twilio.rest.studio.v2.flow.execution.ExecutionContext;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Run Subflow: the parent waits on a child execution of the named flow (in the same conversation,
 * listed in that flow's Executions), the child gets the parent's trigger and parameters, the
 * visitor's replies reach the child, and its variables come back as {@code widgets.<name>.*}.
 * Recursion, another account's flow and a missing revision fail the widget.
 */
class SubflowTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StudioFixtures fixtures = new StudioFixtures(server);
  private final TwilioRestClient client = TwilioClients.of(server);

  /** A subflow: asks the parent's question and keeps the answer in {@code flow.variables}. */
  private static final String ASK =
      """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingParent", "next": "ask"}]},
        {"name": "ask", "type": "send-and-wait-for-reply",
         "properties": {"body": "{{trigger.parent.parameters.question}}, {{trigger.conversation.Author}}?",
                        "from": "Bot", "timeout": "3600"},
         "transitions": [{"event": "incomingMessage", "next": "keep"}, {"event": "timeout"},
                         {"event": "deliveryFailure"}]},
        {"name": "keep", "type": "set-variables",
         "properties": {"variables": [{"key": "answer", "value": "{{widgets.ask.inbound.Body}}"}]},
         "transitions": [{"event": "next"}]}],
       "initial_state": "Trigger"}
      """;

  /** A subflow that ends at once: it copies a parameter, upper-cased, into a variable. */
  private static final String SHOUT =
      """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingParent", "next": "keep"}]},
        {"name": "keep", "type": "set-variables",
         "properties": {"variables": [{"key": "loud", "value": "{{trigger.parent.parameters.word | upcase}}"},
                                      {"key": "revision", "value": "{{flow.revision}}"}]},
         "transitions": [{"event": "next"}]}],
       "initial_state": "Trigger"}
      """;

  /**
   * A chat flow: greets, runs {@code subflow} at {@code revision}, thanks with what came back (or
   * says why it failed), then hands the chat to agents.
   */
  private static String parent(String subflow, String revision) {
    return """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingConversationMessage", "next": "greet"},
                         {"event": "incomingRequest", "next": "sub"},
                         {"event": "incomingParent", "next": "sub"}]},
        {"name": "greet", "type": "send-message",
         "properties": {"body": "Welcome.", "from": "Bot"},
         "transitions": [{"event": "sent", "next": "sub"}, {"event": "failed"}]},
        {"name": "sub", "type": "run-subflow",
         "properties": {"flow_sid": "%s", "flow_revision": "%s",
                        "parameters": [{"key": "question", "value": "Which topic", "type": "string"},
                                       {"key": "word", "value": "{{flow.data.word | default: 'hi'}}"}]},
         "transitions": [{"event": "completed", "next": "thanks"}, {"event": "failed", "next": "sorry"}]},
        {"name": "thanks", "type": "send-message",
         "properties": {"body": "Thanks: {{widgets.sub.answer}}{{widgets.sub.loud}}", "from": "Bot"},
         "transitions": [{"event": "sent", "next": "agent"}, {"event": "failed"}]},
        {"name": "sorry", "type": "send-message",
         "properties": {"body": "Sorry: {{widgets.sub.error}}", "from": "Bot"},
         "transitions": [{"event": "sent"}, {"event": "failed"}]},
        {"name": "agent", "type": "send-to-flex",
         "properties": {"workflow": "WW00000000000000000000000000000000", "channel": "TC00000000000000000000000000000000",
                        "attributes": "{\\"topic\\": \\"{{widgets.sub.answer}}\\"}"},
         "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue"},
                         {"event": "callFailure"}]}],
       "initial_state": "Trigger"}
      """
        .formatted(subflow, revision);
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

  private List<String> steps(String flow, String execution, String field) {
    return server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + execution + "/Steps")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("steps." + field, String.class);
  }

  @Test
  void the_subflow_asks_the_visitor_and_its_variables_come_back_to_the_parent() {
    String child = fixtures.flow("published", ASK);
    String flow = fixtures.flow("published", parent(child, "LatestPublished"));
    String[] chat = StudioChats.webChat(server, flow);

    say(chat[0], chat[1], "hello");

    assertThat(bodies(chat[0]))
        .containsExactly("hello", "Welcome.", "Which topic, " + chat[1] + "?");
    JsonPath children = executions(child);
    assertThat(children.getString("executions[0].status")).isEqualTo("active");
    assertThat(children.getString("executions[0].context.trigger.conversation.Body"))
        .isEqualTo("hello");
    assertThat(executions(flow).getString("executions[0].status")).isEqualTo("active");

    say(chat[0], chat[1], "billing");

    assertThat(bodies(chat[0])).endsWith("billing", "Thanks: billing");
    JsonPath parent = executions(flow);
    assertThat(parent.getString("executions[0].status")).isEqualTo("ended");
    assertThat(parent.getString("executions[0].context.widgets.sub.answer")).isEqualTo("billing");
    assertThat(steps(flow, parent.getString("executions[0].sid"), "name"))
        .containsExactly(
            "incomingConversationMessage", "sent", "completed", "sent", "callComplete");
    String childSid = executions(child).getString("executions[0].sid");
    assertThat(executions(child).getString("executions[0].status")).isEqualTo("ended");
    assertThat(steps(child, childSid, "name"))
        .containsExactly("incomingParent", "incomingMessage", "next");
    server
        .api()
        .get("/v1/Conversations/" + chat[0] + "/Webhooks")
        .then()
        .body("webhooks", hasSize(0));
  }

  @Test
  void a_subflows_http_call_is_answered_and_the_parent_runs_on() {
    try (WebhookReceiver remote = new WebhookReceiver()) {
      remote.answerJson("/who", "{\"name\": \"Ann\"}");
      String child =
          fixtures.flow(
              "published",
              """
              {"states": [
                {"name": "Trigger", "type": "trigger", "properties": {},
                 "transitions": [{"event": "incomingParent", "next": "lookup"}]},
                {"name": "lookup", "type": "make-http-request",
                 "properties": {"method": "GET", "url": "%s",
                                "content_type": "application/x-www-form-urlencoded;charset=utf-8"},
                 "transitions": [{"event": "success", "next": "keep"}, {"event": "failed"}]},
                {"name": "keep", "type": "set-variables",
                 "properties": {"variables": [{"key": "answer",
                                               "value": "{{widgets.lookup.parsed.name}}"}]},
                 "transitions": [{"event": "next"}]}],
               "initial_state": "Trigger"}
              """
                  .formatted(remote.url("/who")));
      String flow = fixtures.flow("published", parent(child, "LatestPublished"));
      String[] chat = StudioChats.webChat(server, flow);

      say(chat[0], chat[1], "hello");

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bodies(chat[0]), b -> b.contains("Thanks: Ann"));
      assertThat(executions(flow).getString("executions[0].status")).isEqualTo("ended");
    }
  }

  @Test
  void the_subflows_timeout_fires_and_the_parent_runs_on() {
    String child = fixtures.flow("published", ASK.replace("\"3600\"", "\"5\""));
    String flow = fixtures.flow("published", parent(child, "LatestPublished"));
    String[] chat = StudioChats.webChat(server, flow);
    say(chat[0], chat[1], "hello");

    server.clock().advance(Duration.ofSeconds(6));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bodies(chat[0]), b -> b.contains("Thanks: "));
    assertThat(executions(flow).getString("executions[0].status")).isEqualTo("ended");
    assertThat(executions(child).getString("executions[0].status")).isEqualTo("ended");
  }

  @Test
  void send_to_flex_in_the_subflow_hands_the_chat_to_agents_for_the_parent_too() {
    String child =
        fixtures.flow(
            "published",
            StudioFixtures.chat(3600).replace("incomingConversationMessage", "incomingParent"));
    String flow = fixtures.flow("published", parent(child, "LatestPublished"));
    String[] chat = StudioChats.webChat(server, flow);
    say(chat[0], chat[1], "hello");

    say(chat[0], chat[1], "sales");

    assertThat(bodies(chat[0])).contains("Sales it is.");
    server
        .api()
        .get("/v1/Conversations/" + chat[0] + "/Webhooks")
        .then()
        .body("webhooks", hasSize(0));
    assertThat(executions(flow).getString("executions[0].status")).isEqualTo("ended");
  }

  @Test
  void a_subflow_that_ends_at_once_gives_its_variables_in_the_same_run() throws Exception {
    String child = fixtures.flow("published", SHOUT);
    Flow flow =
        Flow.creator("Parent", Flow.Status.PUBLISHED, definition(parent(child, "LatestPublished")))
            .create(client);

    Execution execution =
        Execution.creator(
                flow.getSid(), new PhoneNumber("+15550001111"), new PhoneNumber("+15550002222"))
            .setParameters(Map.of("word", "quiet"))
            .create(client);

    assertThat(execution.getStatus()).isEqualTo(Execution.Status.ENDED);
    ExecutionContext context =
        ExecutionContext.fetcher(flow.getSid(), execution.getSid()).fetch(client);
    var sub = JSON.valueToTree(context.getContext()).path("widgets").path("sub");
    assertThat(sub.path("loud").asText()).isEqualTo("QUIET");
    assertThat(sub.path("revision").asText()).isEqualTo("1");
    assertThat(executions(child).getList("executions")).hasSize(1);
  }

  @Test
  void a_numbered_revision_runs_that_revision() throws Exception {
    String child = fixtures.flow("published", SHOUT);
    server
        .api()
        .formParam("Status", "published")
        .formParam("Definition", SHOUT.replace("upcase", "downcase"))
        .post("/v2/Flows/" + child)
        .then()
        .statusCode(200);
    Flow flow =
        Flow.creator("Parent", Flow.Status.PUBLISHED, definition(parent(child, "1")))
            .create(client);

    Execution execution =
        Execution.creator(flow.getSid(), new PhoneNumber("+1555000"), new PhoneNumber("+1555001"))
            .setParameters(Map.of("word", "Mixed"))
            .create(client);

    assertThat(widget(flow.getSid(), execution.getSid()).getString("loud")).isEqualTo("MIXED");
  }

  @Test
  void a_revision_that_does_not_exist_fails_the_widget() {
    String child = fixtures.flow("published", SHOUT);
    String flow = fixtures.flow("published", parent(child, "7"));

    String execution = start(flow);

    assertThat(widget(flow, execution).getString("error"))
        .isEqualTo("flow " + child + " has no valid revision 7");
    // "sorry" cannot send without a conversation: the REST trigger has none.
    assertThat(steps(flow, execution, "name"))
        .containsExactly("incomingRequest", "failed", "failed");
  }

  @Test
  void a_flow_running_itself_in_a_chat_fails_the_widget_with_a_step_error() {
    String flow = fixtures.flow("draft", StudioFixtures.HELLO);
    server
        .api()
        .formParam("Status", "published")
        .formParam("Definition", parent(flow, "LatestPublished"))
        .post("/v2/Flows/" + flow)
        .then()
        .statusCode(200);
    String[] chat = StudioChats.webChat(server, flow);

    say(chat[0], chat[1], "hello");

    assertThat(bodies(chat[0]))
        .containsExactly(
            "hello",
            "Welcome.",
            "Sorry: flow " + flow + " already runs in this conversation: a flow cannot run itself");
    assertThat(executions(flow).getList("executions")).hasSize(1);
  }

  @Test
  void a_cycle_of_flows_stops_at_the_depth_limit() {
    String a = fixtures.flow("draft", StudioFixtures.HELLO);
    String b = fixtures.flow("published", parent(a, "LatestPublished"));
    server
        .api()
        .formParam("Status", "published")
        .formParam("Definition", parent(b, "LatestPublished"))
        .post("/v2/Flows/" + a)
        .then()
        .statusCode(200);

    String execution = start(a);

    assertThat(executions(a).getList("executions")).hasSize(1);
    String inner = executions(b).getString("executions[0].sid");
    assertThat(widget(b, inner).getString("error"))
        .isEqualTo("a subflow cannot run another subflow (Studio allows 1 level of nesting)");
    // The inner flow routed its failure (to "sorry"), so it completed for its parent.
    assertThat(steps(a, execution, "name"))
        .containsExactly("incomingRequest", "completed", "failed");
  }

  @Test
  void another_accounts_flow_fails_the_widget() {
    Supplier<RequestSpecification> other = fixtures.otherAccount();
    String theirs =
        StudioFixtures.create(other.get(), "Theirs", "published", SHOUT).getString("sid");
    String flow = fixtures.flow("published", parent(theirs, "LatestPublished"));

    String execution = start(flow);

    assertThat(widget(flow, execution).getString("error"))
        .isEqualTo("no flow " + theirs + " in this account");
    assertThat(
            other
                .get()
                .get("/v2/Flows/" + theirs + "/Executions")
                .then()
                .extract()
                .jsonPath()
                .getList("executions"))
        .isEmpty();
  }

  @Test
  void ending_the_parent_ends_the_subflow_it_waits_on() {
    String child = fixtures.flow("published", ASK);
    String flow = fixtures.flow("published", parent(child, "LatestPublished"));
    String[] chat = StudioChats.webChat(server, flow);
    say(chat[0], chat[1], "hello");
    String parentSid = executions(flow).getString("executions[0].sid");

    server
        .api()
        .formParam("Status", "ended")
        .post("/v2/Flows/" + flow + "/Executions/" + parentSid)
        .then()
        .statusCode(200);

    assertThat(executions(child).getString("executions[0].status")).isEqualTo("ended");
  }

  @Test
  void ending_the_subflow_fails_the_parents_widget() {
    String child = fixtures.flow("published", ASK);
    String flow = fixtures.flow("published", parent(child, "LatestPublished"));
    String[] chat = StudioChats.webChat(server, flow);
    say(chat[0], chat[1], "hello");
    String childSid = executions(child).getString("executions[0].sid");

    server
        .api()
        .formParam("Status", "ended")
        .post("/v2/Flows/" + child + "/Executions/" + childSid)
        .then()
        .statusCode(200);

    assertThat(bodies(chat[0]))
        .endsWith("Sorry: the subflow's execution " + childSid + " was ended");
    assertThat(executions(flow).getString("executions[0].status")).isEqualTo("ended");
  }

  @Test
  void a_run_subflow_widget_publishes_without_a_warning() {
    JsonPath created =
        StudioFixtures.create(
            server.api(), "Parent", "published", parent("FW" + "0".repeat(32), "LatestPublished"));

    assertThat(created.getList("warnings")).isEmpty();
  }

  /** Starts {@code flow} through the REST trigger: its execution SID. */
  private String start(String flow) {
    return server
        .api()
        .formParam("To", "+15550001111")
        .formParam("From", "+15550002222")
        .post("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  /** What the parent's {@code sub} widget was left with. */
  private JsonPath widget(String flow, String execution) {
    return server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + execution + "/Context")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("context.widgets.sub");
  }

  private static Map<String, Object> definition(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<>() {});
  }
}
