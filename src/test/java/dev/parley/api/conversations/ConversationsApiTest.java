package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private String create(String... params) {
    var request = server.api().contentType("application/x-www-form-urlencoded");
    for (int i = 0; i < params.length; i += 2) {
      request.formParam(params[i], params[i + 1]);
    }
    return request.post("/v1/Conversations").then().statusCode(201).extract().path("sid");
  }

  @Test
  void creates_an_active_conversation_with_default_attributes() {
    server
        .api()
        .formParam("FriendlyName", "Support")
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^CH[0-9a-f]{32}$"))
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("friendly_name", equalTo("Support"))
        .body("attributes", equalTo("{}"))
        .body("state", equalTo("active"))
        .body("unique_name", nullValue())
        .body("date_created", matchesPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
  }

  @Test
  void fetches_by_unique_name() {
    String sid = create("UniqueName", "by-name-1");

    server
        .api()
        .get("/v1/Conversations/by-name-1")
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid));
  }

  @Test
  void rejects_a_second_conversation_with_the_same_unique_name() {
    create("UniqueName", "taken-1");

    server
        .api()
        .formParam("UniqueName", "taken-1")
        .post("/v1/Conversations")
        .then()
        .statusCode(409)
        .body("code", equalTo(50353));
  }

  @Test
  void rejects_attributes_that_are_not_json() {
    server
        .api()
        .formParam("Attributes", "{not json")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("message", equalTo("Invalid parameter Attributes: must be valid JSON"));
  }

  @Test
  void rejects_attributes_with_text_after_the_json() {
    server
        .api()
        .formParam("Attributes", "{\"a\":1} {\"b\":2}")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("Invalid parameter Attributes: must be valid JSON"));
  }

  @Test
  void rejects_timers_without_state() {
    server
        .api()
        .formParam("Timers.Inactive", "PT5M")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("code", equalTo(50382));
  }

  @Test
  void refuses_to_update_a_closed_conversation() {
    String sid = create("State", "closed");

    server
        .api()
        .formParam("FriendlyName", "again")
        .post("/v1/Conversations/" + sid)
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void deletes_a_conversation() {
    String sid = create();

    server.api().delete("/v1/Conversations/" + sid).then().statusCode(204);

    server
        .api()
        .get("/v1/Conversations/" + sid)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message", equalTo("The requested resource /Conversations/" + sid + " was not found"));
  }

  @Test
  void pages_through_every_conversation_by_next_page_url() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create("FriendlyName", "paged-" + i, "State", "inactive"));
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + "/v1/Conversations?State=inactive&PageSize=3";
    int pages = 0;
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("conversations.sid"));
      url = page.getString("meta.next_page_url");
      pages++;
    }

    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void rejects_a_state_twilio_does_not_have() {
    server
        .api()
        .formParam("State", "archived")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            equalTo(
                "Invalid parameter State: must be one of active, closed, inactive, initializing"));
  }

  @Test
  void rejects_a_state_filter_twilio_does_not_have() {
    server
        .api()
        .queryParam("State", "open")
        .get("/v1/Conversations")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter State: must be one of active, closed, inactive, initializing"));
  }

  @Test
  void reads_a_state_in_any_case() {
    // Not inactive: pages_through_every_conversation_by_next_page_url lists the inactive ones.
    String sid = create("State", "Closed");

    server
        .api()
        .get("/v1/Conversations/" + sid)
        .then()
        .statusCode(200)
        .body("state", equalTo("closed"));
  }

  @Test
  void answers_401_with_code_20003_for_a_wrong_token() {
    server
        .as(ParleyServer.ACCOUNT_SID, "wrong")
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20003"));
  }
}
