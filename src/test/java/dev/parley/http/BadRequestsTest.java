package dev.parley.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed requests get the right 4xx and a Twilio error body, never a 500. */
class BadRequestsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void answers_404_with_code_20404_for_an_unknown_path() {
    server
        .api()
        .get("/v1/NoSuchThing")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body("message", equalTo("The requested resource /NoSuchThing was not found"));
  }

  @Test
  void answers_405_for_a_method_the_resource_does_not_have() {
    server.api().put("/v1/Conversations").then().statusCode(405).body("code", equalTo(20004));
  }

  @Test
  void answers_415_for_a_json_body() {
    server
        .api()
        .contentType("application/json")
        .body("{\"FriendlyName\":\"x\"}")
        .post("/v1/Conversations")
        .then()
        .statusCode(415)
        .body("message", containsString("application/x-www-form-urlencoded"));
  }

  @Test
  void answers_413_for_a_body_over_one_megabyte() {
    server
        .api()
        .formParam("Attributes", "x".repeat(1_100_000))
        .post("/v1/Conversations")
        .then()
        .statusCode(413)
        .body("code", equalTo(20413));
  }

  @Test
  void answers_401_without_credentials() {
    server.anonymous().get("/v1/Conversations").then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void answers_401_for_a_malformed_authorization_header() {
    server
        .anonymous()
        .header("Authorization", "Basic !!!not-base64")
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void rejects_a_state_outside_the_enum() {
    server
        .api()
        .formParam("State", "open")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("message", containsString("State"));
  }

  @Test
  void rejects_a_messaging_service_sid_with_the_wrong_prefix() {
    server
        .api()
        .formParam("MessagingServiceSid", "IS00000000000000000000000000000001")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("message", containsString("MessagingServiceSid"));
  }

  @Test
  void rejects_a_friendly_name_over_256_characters() {
    server
        .api()
        .formParam("FriendlyName", "n".repeat(257))
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("message", containsString("FriendlyName"));
  }

  @Test
  void rejects_a_page_size_that_is_not_a_number() {
    server
        .api()
        .get("/v1/Conversations?PageSize=ten")
        .then()
        .statusCode(400)
        .body("message", containsString("PageSize"));
  }

  @Test
  void rejects_a_page_token_it_did_not_issue() {
    server
        .api()
        .get("/v1/Conversations?PageToken=forged")
        .then()
        .statusCode(400)
        .body("message", containsString("PageToken"));
  }

  @Test
  void rejects_a_date_that_is_not_iso_8601() {
    server
        .api()
        .formParam("DateCreated", "yesterday")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("message", containsString("DateCreated"));
  }

  @Test
  void rejects_a_timer_that_is_not_a_duration() {
    server
        .api()
        .formParam("State", "active")
        .formParam("Timers.Closed", "ten minutes")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("message", containsString("Timers.Closed"));
  }

  @Test
  void rejects_a_closed_timer_under_ten_minutes() {
    server
        .api()
        .formParam("State", "active")
        .formParam("Timers.Closed", "PT5M")
        .post("/v1/Conversations")
        .then()
        .statusCode(400)
        .body("message", containsString("Timers.Closed"));
  }

  @Test
  void answers_a_preflight_with_cors_headers() {
    server
        .unchecked()
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/v2/WebChats")
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", "*");
  }
}
