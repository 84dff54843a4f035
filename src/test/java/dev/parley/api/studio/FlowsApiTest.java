package dev.parley.api.studio;

import static dev.parley.api.studio.StudioFixtures.DANGLING;
import static dev.parley.api.studio.StudioFixtures.HELLO;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlowsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final StudioFixtures fixtures = new StudioFixtures(server);

  @Test
  void creates_a_published_flow_at_revision_one() {
    server
        .api()
        .formParam("FriendlyName", "Hello")
        .formParam("Status", "published")
        .formParam("Definition", HELLO)
        .formParam("CommitMessage", "first")
        .post("/v2/Flows")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^FW[0-9a-f]{32}$"))
        .body("status", equalTo("published"))
        .body("revision", equalTo(1))
        .body("valid", equalTo(true))
        .body("errors", hasSize(0))
        .body("definition.initial_state", equalTo("Trigger"))
        .body("commit_message", equalTo("first"))
        .body("links.executions", containsString("/v2/Flows/FW"));
  }

  @Test
  void refuses_to_publish_a_definition_with_a_dangling_transition() {
    server
        .api()
        .formParam("FriendlyName", "Broken")
        .formParam("Status", "published")
        .formParam("Definition", DANGLING)
        .post("/v2/Flows")
        .then()
        .statusCode(400)
        .body("code", equalTo(81022))
        .body("message", containsString("nowhere"))
        .body("message", containsString("#/states/0/transitions/0/next"));
  }

  @Test
  void saves_an_invalid_draft_with_its_errors() {
    server
        .api()
        .formParam("FriendlyName", "Draft")
        .formParam("Status", "draft")
        .formParam("Definition", DANGLING)
        .post("/v2/Flows")
        .then()
        .statusCode(201)
        .body("valid", equalTo(false))
        .body("errors[0].property_path", equalTo("#/states/0/transitions/0/next"));
  }

  @Test
  void rejects_a_definition_that_is_not_a_json_object() {
    server
        .api()
        .formParam("FriendlyName", "Array")
        .formParam("Status", "draft")
        .formParam("Definition", "[1, 2]")
        .post("/v2/Flows")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("Definition"));
  }

  @Test
  void rejects_a_create_without_a_status() {
    server
        .api()
        .formParam("FriendlyName", "No status")
        .formParam("Definition", HELLO)
        .post("/v2/Flows")
        .then()
        .statusCode(400)
        .body("message", containsString("Status"));
  }

  @Test
  void warns_of_a_widget_parley_does_not_run() {
    String voice =
        HELLO
            .replace("\"type\": \"send-message\"", "\"type\": \"say-play\"")
            .replace(
                "{\"event\": \"sent\"}, {\"event\": \"failed\"}", "{\"event\": \"audioComplete\"}");

    server
        .api()
        .formParam("FriendlyName", "Voice")
        .formParam("Status", "published")
        .formParam("Definition", voice)
        .post("/v2/Flows")
        .then()
        .statusCode(201)
        .body("valid", equalTo(true))
        .body("warnings[0].message", containsString("say-play"));
  }

  @Test
  void refuses_to_publish_an_http_widget_without_a_url() {
    String http =
        HELLO
            .replace("\"type\": \"send-message\"", "\"type\": \"make-http-request\"")
            .replace("{\"event\": \"sent\"}", "{\"event\": \"success\"}");

    server
        .api()
        .formParam("FriendlyName", "Http")
        .formParam("Status", "published")
        .formParam("Definition", http)
        .post("/v2/Flows")
        .then()
        .statusCode(400)
        .body("code", equalTo(81022))
        .body("message", containsString("needs property url"));
  }

  @Test
  void rejects_an_unknown_widget_type() {
    server
        .api()
        .formParam("FriendlyName", "Unknown")
        .formParam("Status", "published")
        .formParam("Definition", HELLO.replace("send-message", "teleport"))
        .post("/v2/Flows")
        .then()
        .statusCode(400)
        .body("code", equalTo(81022))
        .body("message", containsString("teleport"));
  }

  @Test
  void validates_a_good_definition() {
    server
        .api()
        .formParam("FriendlyName", "Check")
        .formParam("Status", "published")
        .formParam("Definition", HELLO)
        .post("/v2/Flows/Validate")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true));
  }

  @Test
  void validate_answers_81022_for_duplicate_widget_names() {
    String twice = HELLO.replace("\"name\": \"greet\"", "\"name\": \"Trigger\"");

    server
        .api()
        .formParam("FriendlyName", "Check")
        .formParam("Status", "draft")
        .formParam("Definition", twice)
        .post("/v2/Flows/Validate")
        .then()
        .statusCode(400)
        .body("code", equalTo(81022))
        .body("message", containsString("unique"));
  }

  @Test
  void an_update_adds_a_revision_and_keeps_the_published_one() {
    String sid = fixtures.flow("published", HELLO);

    server
        .api()
        .formParam("Status", "draft")
        .formParam("Definition", HELLO.replace("Hello", "Hi"))
        .formParam("CommitMessage", "second")
        .post("/v2/Flows/" + sid)
        .then()
        .statusCode(200)
        .body("revision", equalTo(2))
        .body("status", equalTo("draft"));

    server
        .api()
        .get("/v2/Flows/" + sid + "/Revisions")
        .then()
        .statusCode(200)
        .body("revisions.revision", equalTo(java.util.List.of(2, 1)))
        .body("meta.key", equalTo("revisions"));
    server
        .api()
        .get("/v2/Flows/" + sid + "/Revisions/LatestPublished")
        .then()
        .statusCode(200)
        .body("revision", equalTo(1))
        .body("definition.states[1].properties.body", containsString("Hello"));
  }

  @Test
  void an_update_without_a_definition_keeps_the_current_one() {
    String sid = fixtures.flow("draft", HELLO);

    server
        .api()
        .formParam("Status", "published")
        .formParam("FriendlyName", "Renamed")
        .post("/v2/Flows/" + sid)
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Renamed"))
        .body("status", equalTo("published"))
        .body("definition.initial_state", equalTo("Trigger"))
        .body("commit_message", nullValue());
  }

  @Test
  void lists_flows_in_pages() {
    fixtures.flow("draft", HELLO);
    fixtures.flow("draft", HELLO);

    String next =
        server
            .api()
            .queryParam("PageSize", 1)
            .get("/v2/Flows")
            .then()
            .statusCode(200)
            .body("flows", hasSize(1))
            .body("meta.key", equalTo("flows"))
            .extract()
            .path("meta.next_page_url");
    server
        .api()
        .get(next.substring(server.baseUrl().length()))
        .then()
        .statusCode(200)
        .body("flows", hasSize(1));
  }

  @Test
  void deletes_a_flow_and_its_revisions() {
    String sid = fixtures.flow("published", HELLO);

    server.api().delete("/v2/Flows/" + sid).then().statusCode(204);

    server.api().get("/v2/Flows/" + sid).then().statusCode(404).body("code", equalTo(20404));
    server.api().get("/v2/Flows/" + sid + "/Revisions/1").then().statusCode(404);
  }

  @Test
  void another_account_cannot_see_change_or_delete_a_flow() {
    String sid = fixtures.flow("published", HELLO);
    Supplier<RequestSpecification> other = fixtures.otherAccount();

    other.get().get("/v2/Flows/" + sid).then().statusCode(404).body("code", equalTo(20404));
    other.get().formParam("Status", "draft").post("/v2/Flows/" + sid).then().statusCode(404);
    other.get().delete("/v2/Flows/" + sid).then().statusCode(404);
    other.get().get("/v2/Flows/" + sid + "/Revisions").then().statusCode(404);
    other.get().get("/v2/Flows").then().statusCode(200).body("flows", hasSize(0));
    server.api().get("/v2/Flows/" + sid).then().statusCode(200);
  }

  @Test
  void an_unknown_revision_is_not_found() {
    String sid = fixtures.flow("draft", HELLO);

    server.api().get("/v2/Flows/" + sid + "/Revisions/7").then().statusCode(404);
    server.api().get("/v2/Flows/" + sid + "/Revisions/LatestPublished").then().statusCode(404);
    server.api().get("/v2/Flows/" + sid + "/Revisions/seven").then().statusCode(404);
  }

  @Test
  void sets_and_fetches_test_users() {
    String sid = fixtures.flow("draft", HELLO);

    server
        .api()
        .formParam("TestUsers", "ann")
        .formParam("TestUsers", "+15550001111")
        .post("/v2/Flows/" + sid + "/TestUsers")
        .then()
        .statusCode(200)
        .body("test_users", equalTo(java.util.List.of("ann", "+15550001111")));

    server
        .api()
        .get("/v2/Flows/" + sid + "/TestUsers")
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("test_users", equalTo(java.util.List.of("ann", "+15550001111")));
  }

  @Test
  void rejects_test_users_missing_or_another_accounts_flow() {
    String sid = fixtures.flow("draft", HELLO);

    server
        .api()
        .post("/v2/Flows/" + sid + "/TestUsers")
        .then()
        .statusCode(400)
        .body("message", containsString("TestUsers"));
    fixtures
        .otherAccount()
        .get()
        .formParam("TestUsers", "mallory")
        .post("/v2/Flows/" + sid + "/TestUsers")
        .then()
        .statusCode(404);
  }
}
