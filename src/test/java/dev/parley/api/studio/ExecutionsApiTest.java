package dev.parley.api.studio;

import static dev.parley.api.studio.StudioFixtures.HELLO;
import static dev.parley.api.studio.StudioFixtures.ROUTER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExecutionsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final StudioFixtures fixtures = new StudioFixtures(server);

  private JsonPath execute(String flow, String parameters) {
    RequestSpecification request =
        server.api().formParam("To", "+15550001111").formParam("From", "+15550002222");
    if (parameters != null) {
      request.formParam("Parameters", parameters);
    }
    return request
        .post("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void a_rest_trigger_runs_the_flow_to_its_end() {
    String flow = fixtures.flow("published", ROUTER);

    JsonPath execution = execute(flow, "{\"plan\": \"gold\"}");

    server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + execution.getString("sid"))
        .then()
        .statusCode(200)
        .body("sid", matchesPattern("^FN[0-9a-f]{32}$"))
        .body("status", equalTo("ended"))
        .body("contact_channel_address", equalTo("+15550001111"))
        .body("context.flow.variables.plan", equalTo("GOLD"))
        .body("context.flow.variables.vip", equalTo("yes"))
        .body("context.flow.data.plan", equalTo("gold"))
        .body("context.trigger.request.from", equalTo("+15550002222"))
        .body("context.flow.channel.address", equalTo("+15550002222"))
        .body("context.contact.channel.address", equalTo("+15550001111"));
  }

  @Test
  void each_transition_is_a_step() {
    String flow = fixtures.flow("published", ROUTER);
    String sid = execute(flow, "{\"plan\": \"silver\"}").getString("sid");

    JsonPath steps =
        server
            .api()
            .get("/v2/Flows/" + flow + "/Executions/" + sid + "/Steps")
            .then()
            .statusCode(200)
            .body("meta.key", equalTo("steps"))
            .extract()
            .jsonPath();

    assertSteps(steps, List.of("incomingRequest", "next", "noMatch"));
    org.assertj.core.api.Assertions.assertThat(steps.getList("steps.transitioned_to", String.class))
        .containsExactly("remember", "route", "Ended");
  }

  private static void assertSteps(JsonPath steps, List<String> names) {
    org.assertj.core.api.Assertions.assertThat(steps.getList("steps.name", String.class))
        .containsExactlyElementsOf(names);
  }

  @Test
  void a_step_and_its_context_are_fetched() {
    String flow = fixtures.flow("published", ROUTER);
    String sid = execute(flow, "{\"plan\": \"gold\"}").getString("sid");
    String base = "/v2/Flows/" + flow + "/Executions/" + sid;
    String step = server.api().get(base + "/Steps").then().extract().path("steps[2].sid");

    server
        .api()
        .get(base + "/Steps/" + step)
        .then()
        .statusCode(200)
        .body("name", equalTo("match"))
        .body("transitioned_from", equalTo("route"))
        .body("transitioned_to", equalTo("vip"));
    server
        .api()
        .get(base + "/Steps/" + step + "/Context")
        .then()
        .statusCode(200)
        .body("step_sid", equalTo(step))
        .body("context.input", equalTo("GOLD"));
    server
        .api()
        .get(base + "/Context")
        .then()
        .statusCode(200)
        .body("execution_sid", equalTo(sid))
        .body("context.widgets.route.input", equalTo("GOLD"));
  }

  @Test
  void a_flow_never_published_does_not_run() {
    String flow = fixtures.flow("draft", ROUTER);

    server
        .api()
        .formParam("To", "+15550001111")
        .formParam("From", "+15550002222")
        .post("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("message", containsString("published"));
  }

  @Test
  void an_execution_runs_the_published_revision_not_a_later_draft() {
    String flow = fixtures.flow("published", ROUTER);
    server
        .api()
        .formParam("Status", "draft")
        .formParam("Definition", ROUTER.replace("\"yes\"", "\"draft\""))
        .post("/v2/Flows/" + flow)
        .then()
        .statusCode(200);

    String sid = execute(flow, "{\"plan\": \"gold\"}").getString("sid");

    server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + sid)
        .then()
        .body("context.flow.variables.vip", equalTo("yes"))
        .body("context.flow.revision", equalTo(1));
  }

  @Test
  void sending_a_message_without_a_conversation_fails_that_widget() {
    String flow = fixtures.flow("published", HELLO);

    String sid = execute(flow, null).getString("sid");

    server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + sid + "/Steps")
        .then()
        .body("steps[1].name", equalTo("failed"))
        .body("steps[1].transitioned_from", equalTo("greet"))
        .body("steps[1].context.error", containsString("conversation"));
  }

  @Test
  void a_widget_parley_does_not_run_ends_the_execution_with_a_failed_step() {
    String voice =
        ROUTER.replace(
            "\"name\": \"vip\", \"type\": \"set-variables\"",
            "\"name\": \"vip\", \"type\": \"say-play\"");
    String flow = fixtures.flow("published", voice);

    String sid = execute(flow, "{\"plan\": \"gold\"}").getString("sid");

    server
        .api()
        .get("/v2/Flows/" + flow + "/Executions/" + sid + "/Steps")
        .then()
        .body("steps[3].name", equalTo("failed"))
        .body("steps[3].context.error", containsString("say-play"));
  }

  @Test
  void rejects_parameters_that_are_not_a_json_object() {
    String flow = fixtures.flow("published", ROUTER);

    server
        .api()
        .formParam("To", "+15550001111")
        .formParam("From", "+15550002222")
        .formParam("Parameters", "\"gold\"")
        .post("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(400)
        .body("message", containsString("Parameters"));
  }

  @Test
  void rejects_an_execution_without_to() {
    String flow = fixtures.flow("published", ROUTER);

    server
        .api()
        .formParam("From", "+15550002222")
        .post("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("To"));
  }

  @Test
  void lists_executions_newest_first_within_dates() {
    String flow = fixtures.flow("published", ROUTER);
    String first = execute(flow, null).getString("sid");
    String second = execute(flow, null).getString("sid");

    server
        .api()
        .get("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(200)
        .body("executions.sid", equalTo(List.of(second, first)))
        .body("meta.key", equalTo("executions"));
    server
        .api()
        .queryParam("DateCreatedTo", "2001-01-01T00:00:00Z")
        .get("/v2/Flows/" + flow + "/Executions")
        .then()
        .statusCode(200)
        .body("executions", hasSize(0))
        .body("meta.url", containsString("DateCreatedTo=2001-01-01T00%3A00%3A00Z"));
  }

  @Test
  void deletes_an_execution_and_its_steps() {
    String flow = fixtures.flow("published", ROUTER);
    String sid = execute(flow, null).getString("sid");

    server.api().delete("/v2/Flows/" + flow + "/Executions/" + sid).then().statusCode(204);

    server.api().get("/v2/Flows/" + flow + "/Executions/" + sid).then().statusCode(404);
    server.api().get("/v2/Flows/" + flow + "/Executions/" + sid + "/Steps").then().statusCode(404);
  }

  @Test
  void ending_an_ended_execution_keeps_it_ended_and_other_statuses_are_refused() {
    String flow = fixtures.flow("published", ROUTER);
    String sid = execute(flow, null).getString("sid");

    server
        .api()
        .formParam("Status", "ended")
        .post("/v2/Flows/" + flow + "/Executions/" + sid)
        .then()
        .statusCode(200)
        .body("status", equalTo("ended"));
    server
        .api()
        .formParam("Status", "active")
        .post("/v2/Flows/" + flow + "/Executions/" + sid)
        .then()
        .statusCode(400)
        .body("message", containsString("Status"));
  }

  @Test
  void another_account_cannot_reach_executions_steps_or_contexts() {
    String flow = fixtures.flow("published", ROUTER);
    String sid = execute(flow, null).getString("sid");
    String base = "/v2/Flows/" + flow + "/Executions";
    String step =
        server.api().get(base + "/" + sid + "/Steps").then().extract().path("steps[0].sid");
    Supplier<RequestSpecification> other = fixtures.otherAccount();

    other.get().get(base).then().statusCode(404).body("code", equalTo(20404));
    other.get().get(base + "/" + sid).then().statusCode(404);
    other.get().get(base + "/" + sid + "/Context").then().statusCode(404);
    other.get().get(base + "/" + sid + "/Steps/" + step).then().statusCode(404);
    other.get().get(base + "/" + sid + "/Steps/" + step + "/Context").then().statusCode(404);
    other.get().formParam("Status", "ended").post(base + "/" + sid).then().statusCode(404);
    other.get().delete(base + "/" + sid).then().statusCode(404);
    other.get().formParam("To", "a").formParam("From", "b").post(base).then().statusCode(404);
    server.api().get(base + "/" + sid).then().statusCode(200);
  }

  @Test
  void a_step_of_another_execution_is_not_found() {
    String flow = fixtures.flow("published", ROUTER);
    String one = execute(flow, null).getString("sid");
    String two = execute(flow, null).getString("sid");
    String base = "/v2/Flows/" + flow + "/Executions/";
    String step = server.api().get(base + one + "/Steps").then().extract().path("steps[0].sid");

    server.api().get(base + two + "/Steps/" + step).then().statusCode(404);
  }
}
