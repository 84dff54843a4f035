package dev.parley.api.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.security.RequestValidator;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Make HTTP Request and Run Function through the real wire: the flow parks while the call is made
 * outside the store's transaction, then resumes with {@code status_code}, {@code body} and {@code
 * parsed}; failures, timeouts, refused private addresses and a restart mid-call leave on the
 * widget's failure event.
 */
class HttpWidgetsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final StudioFixtures fixtures = new StudioFixtures(server);
  private final WebhookReceiver remote = new WebhookReceiver();

  @AfterEach
  void close() {
    remote.close();
  }

  /** A chat flow: look the visitor up, split on the answer, greet or apologise. */
  private static String lookup(String url) {
    return """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingConversationMessage", "next": "lookup"}]},
        {"name": "lookup", "type": "make-http-request",
         "properties": {"method": "GET", "url": "%s",
                        "content_type": "application/x-www-form-urlencoded;charset=utf-8",
                        "parameters": [{"key": "said", "value": "{{trigger.conversation.Body}}"}]},
         "transitions": [{"event": "success", "next": "tier"}, {"event": "failed", "next": "sorry"}]},
        {"name": "tier", "type": "split-based-on",
         "properties": {"input": "{{widgets.lookup.parsed.tier}}"},
         "transitions": [{"event": "noMatch", "next": "plain"},
                         {"event": "match", "next": "gold",
                          "conditions": [{"friendly_name": "gold", "type": "equal_to",
                                          "arguments": ["{{widgets.lookup.parsed.tier}}"],
                                          "value": "gold"}]}]},
        {"name": "gold", "type": "send-message",
         "properties": {"body": "Welcome back {{widgets.lookup.parsed.name}} ({{widgets.lookup.status_code}})"},
         "transitions": [{"event": "sent"}, {"event": "failed"}]},
        {"name": "plain", "type": "send-message", "properties": {"body": "Hello"},
         "transitions": [{"event": "sent"}, {"event": "failed"}]},
        {"name": "sorry", "type": "send-message",
         "properties": {"body": "Lookup failed: {{widgets.lookup.status_code}}"},
         "transitions": [{"event": "sent"}, {"event": "failed"}]}],
       "initial_state": "Trigger"}
      """
        .formatted(url);
  }

  private String[] webChat(String flow) {
    String[] pair = StudioChats.webChat(server, flow);
    server
        .api()
        .formParam("Author", pair[1])
        .formParam("Body", "hello")
        .post("/v1/Conversations/" + pair[0] + "/Messages")
        .then()
        .statusCode(201);
    return pair;
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

  private List<String> awaitReply(String conversation, Duration within) {
    return await().atMost(within).until(() -> bodies(conversation), b -> b.size() > 1);
  }

  private JsonPath steps(String flow) {
    String execution =
        server
            .api()
            .get("/v2/Flows/" + flow + "/Executions")
            .then()
            .extract()
            .path("executions[0].sid");
    return server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + execution + "/Steps")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void a_json_answer_is_parsed_into_the_context_and_used_by_later_widgets() {
    remote.answerJson("/who", "{\"name\": \"Ann\", \"tier\": \"gold\"}");
    String flow = fixtures.flow("published", lookup(remote.url("/who")));

    String[] chat = webChat(flow);

    assertThat(awaitReply(chat[0], Duration.ofSeconds(10)))
        .containsExactly("hello", "Welcome back Ann (200)");
    WebhookReceiver.Received call = remote.received("/who").get(0);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.param("said")).isEqualTo("hello");
    JsonPath steps = steps(flow);
    assertThat(steps.getList("steps.name", String.class))
        .containsExactly("incomingConversationMessage", "success", "match", "sent");
    assertThat(steps.getString("steps[1].context.content_type")).isEqualTo("application/json");
    assertThat(steps.getString("steps[1].context.body")).contains("\"tier\": \"gold\"");
  }

  @Test
  void a_non_2xx_answer_leaves_on_failed() {
    remote.answer("/who", 503);
    String flow = fixtures.flow("published", lookup(remote.url("/who")));

    String[] chat = webChat(flow);

    assertThat(awaitReply(chat[0], Duration.ofSeconds(10))).endsWith("Lookup failed: 503");
  }

  @Test
  void a_call_with_no_answer_times_out_on_failed() {
    remote.hang("/who");
    String flow = fixtures.flow("published", lookup(remote.url("/who")));

    String[] chat = webChat(flow);

    assertThat(awaitReply(chat[0], Duration.ofSeconds(20))).endsWith("Lookup failed: ");
    assertThat(steps(flow).getString("steps[1].context.error")).contains("no answer within 10 s");
  }

  @Test
  void a_private_address_is_refused_without_being_called() {
    String flow = fixtures.flow("published", lookup("http://10.1.2.3:" + 8080 + "/internal"));

    String[] chat = webChat(flow);

    assertThat(awaitReply(chat[0], Duration.ofSeconds(10))).endsWith("Lookup failed: ");
    JsonPath steps = steps(flow);
    assertThat(steps.getString("steps[1].name")).isEqualTo("failed");
    assertThat(steps.getString("steps[1].context.error"))
        .contains("10.1.2.3")
        .contains("private network")
        .contains("PARLEY_WEBHOOK_ALLOW_NETWORKS");
  }

  @Test
  void a_call_lost_to_a_restart_fails_once_its_wait_passes() {
    remote.hang("/who");
    String flow = fixtures.flow("published", lookup(remote.url("/who")));
    String[] chat = webChat(flow);
    remote.awaitAll(r -> r.path().equals("/who"), 1);

    server.restart();
    server.clock().advance(Duration.ofSeconds(31));

    assertThat(awaitReply(chat[0], Duration.ofSeconds(10))).endsWith("Lookup failed: ");
    assertThat(steps(flow).getString("steps[1].context.error")).contains("interrupted");
    remote.release("/who");
  }

  @Test
  void the_rest_trigger_posts_json_and_runs_a_signed_function() {
    remote.answerJson("/fn", "{\"greeting\": \"hi Ann\"}");
    String definition =
        """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingRequest", "next": "post"}]},
        {"name": "post", "type": "make-http-request",
         "properties": {"method": "POST", "url": "%s",
                        "content_type": "application/json;charset=utf-8",
                        "body": "{\\"who\\": \\"{{flow.data.who}}\\"}"},
         "transitions": [{"event": "success", "next": "fn"}, {"event": "failed"}]},
        {"name": "fn", "type": "run-function",
         "properties": {"url": "%s",
                        "parameters": [{"key": "who", "value": "{{flow.data.who}}"}]},
         "transitions": [{"event": "success", "next": "keep"}, {"event": "fail"}]},
        {"name": "keep", "type": "set-variables",
         "properties": {"variables": [{"key": "greeting",
                                       "value": "{{widgets.fn.parsed.greeting}}"}]},
         "transitions": [{"event": "next"}]}],
       "initial_state": "Trigger"}
      """
            .formatted(remote.url("/post"), remote.url("/fn"));
    String flow = fixtures.flow("published", definition);

    String execution =
        server
            .api()
            .formParam("To", "ann")
            .formParam("From", "bot")
            .formParam("Parameters", "{\"who\": \"Ann\"}")
            .post("/v2/Flows/" + flow + "/Executions")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                server
                    .api()
                    .get("/v2/Flows/" + flow + "/Executions/" + execution)
                    .then()
                    .extract()
                    .path("status"),
            "ended"::equals);
    WebhookReceiver.Received post = remote.received("/post").get(0);
    assertThat(post.header("Content-Type")).startsWith("application/json");
    assertThat(post.body()).isEqualTo("{\"who\": \"Ann\"}");
    WebhookReceiver.Received fn = remote.received("/fn").get(0);
    assertThat(fn.param("who")).isEqualTo("Ann");
    assertThat(
            new RequestValidator(ParleyServer.AUTH_TOKEN)
                .validate(remote.url("/fn"), fn.params(), fn.header("X-Twilio-Signature")))
        .isTrue();
    server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + execution + "/Context")
        .then()
        .statusCode(200)
        .body("context.flow.variables.greeting", org.hamcrest.Matchers.equalTo("hi Ann"));
  }

  /** A REST-triggered flow that GETs {@code url} and keeps the answer's flow count. */
  private static String authenticated(String url) {
    return """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingRequest", "next": "get"}]},
        {"name": "get", "type": "make-http-request",
         "properties": {"method": "GET", "url": "%s", "add_twilio_auth": true,
                        "content_type": "application/x-www-form-urlencoded;charset=utf-8"},
         "transitions": [{"event": "success", "next": "keep"}, {"event": "failed", "next": "keep"}]},
        {"name": "keep", "type": "set-variables",
         "properties": {"variables": [{"key": "found", "value": "{{widgets.get.parsed.flows | size}}"},
                                      {"key": "error", "value": "{{widgets.get.error}}"}]},
         "transitions": [{"event": "next"}]}],
       "initial_state": "Trigger"}
      """
        .formatted(url);
  }

  private JsonPath ranToTheEnd(String flow) {
    String execution =
        server
            .api()
            .formParam("To", "ann")
            .formParam("From", "bot")
            .post("/v2/Flows/" + flow + "/Executions")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String path = "/v2/Flows/" + flow + "/Executions/" + execution;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.api().get(path).then().extract().path("status"), "ended"::equals);
    return server.api().get(path + "/Context").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void twilio_auth_calls_parleys_own_api_as_the_account() {
    String flow = fixtures.flow("published", authenticated(server.baseUrl() + "/v2/Flows"));

    JsonPath context = ranToTheEnd(flow);

    assertThat(context.getString("context.widgets.get.status_code")).isEqualTo("200");
    assertThat(context.getInt("context.flow.variables.found")).isPositive();
  }

  @Test
  void twilio_auth_never_sends_the_accounts_credentials_elsewhere() {
    String flow = fixtures.flow("published", authenticated(remote.url("/steal")));

    JsonPath context = ranToTheEnd(flow);

    assertThat(context.getString("context.flow.variables.error"))
        .contains("only to Parley's own API");
    assertThat(remote.received("/steal")).isEmpty();
  }
}
