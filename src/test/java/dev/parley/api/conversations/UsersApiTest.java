package dev.parley.api.conversations;

import static dev.parley.api.conversations.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsersApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void creates_a_user_with_default_attributes_and_no_reachability() {
    String service = server.api().get("/v1/Configuration").path("default_chat_service_sid");
    String serviceUserRole =
        server
            .api()
            .get("/v1/Services/" + service + "/Configuration")
            .path("default_chat_service_role_sid");

    var response = post(server, "/v1/Users", "Identity", "ada");

    response
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^US[0-9a-f]{32}$"))
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("chat_service_sid", matchesPattern("^IS[0-9a-f]{32}$"))
        .body("identity", equalTo("ada"))
        .body("friendly_name", nullValue())
        .body("attributes", equalTo("{}"))
        .body("role_sid", equalTo(serviceUserRole))
        .body("$", hasKey("is_online"))
        .body("is_online", nullValue())
        .body("is_notifiable", nullValue())
        .body("date_created", matchesPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
    String sid = response.path("sid");
    assertThat(response.<String>path("url")).isEqualTo(server.baseUrl() + "/v1/Users/" + sid);
    assertThat(response.<String>path("links.user_conversations"))
        .isEqualTo(server.baseUrl() + "/v1/Users/" + sid + "/Conversations");
  }

  @Test
  void keeps_friendly_name_attributes_and_role() {
    String role = "RL" + "a".repeat(32);

    JsonPath user =
        post(
            server,
            201,
            "/v1/Users",
            "Identity",
            "grace",
            "FriendlyName",
            "Grace H",
            "Attributes",
            "{\"duty\":\"tech\"}",
            "RoleSid",
            role);

    assertThat(user.getString("friendly_name")).isEqualTo("Grace H");
    assertThat(user.getString("attributes")).isEqualTo("{\"duty\":\"tech\"}");
    assertThat(user.getString("role_sid")).isEqualTo(role);
  }

  @Test
  void rejects_a_user_without_identity() {
    post(server, "/v1/Users", "FriendlyName", "nobody")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("Missing required parameter Identity in the post body"));
  }

  @Test
  void rejects_an_identity_over_256_characters() {
    post(server, "/v1/Users", "Identity", "x".repeat(257)).then().statusCode(400);
  }

  @Test
  void rejects_a_second_user_with_the_same_identity() {
    Fixtures.user(server, "twice");

    post(server, "/v1/Users", "Identity", "twice")
        .then()
        .statusCode(409)
        .body("code", equalTo(50201))
        .body("status", equalTo(409));
  }

  @Test
  void treats_identities_as_case_sensitive() {
    String lower = Fixtures.user(server, "casey");

    String upper = Fixtures.user(server, "Casey");

    assertThat(upper).isNotEqualTo(lower);
  }

  @Test
  void rejects_attributes_that_are_not_json() {
    post(server, "/v1/Users", "Identity", "badattrs", "Attributes", "{nope")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Attributes: must be valid JSON"));
  }

  @Test
  void rejects_a_role_sid_of_another_kind() {
    post(server, "/v1/Users", "Identity", "badrole", "RoleSid", "CH" + "a".repeat(32))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void fetches_a_user_by_sid() {
    String sid = Fixtures.user(server, "by-sid");

    server
        .api()
        .get("/v1/Users/" + sid)
        .then()
        .statusCode(200)
        .body("identity", equalTo("by-sid"))
        .body("is_online", nullValue());
  }

  @Test
  void fetches_a_user_by_identity() {
    String sid = Fixtures.user(server, "by identity@example.com");

    server
        .api()
        .get("/v1/Users/by identity@example.com")
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid));
  }

  @Test
  void answers_404_for_an_unknown_user() {
    server
        .api()
        .get("/v1/Users/US" + "0".repeat(32))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message",
            equalTo("The requested resource /Users/US" + "0".repeat(32) + " was not found"));
  }

  @Test
  void updates_only_the_fields_sent() {
    Fixtures.post(
        server, 201, "/v1/Users", "Identity", "upd", "FriendlyName", "Old", "Attributes", "{}");

    JsonPath user = post(server, 200, "/v1/Users/upd", "Attributes", "{\"team\":\"internals\"}");

    assertThat(user.getString("friendly_name")).isEqualTo("Old");
    assertThat(user.getString("attributes")).isEqualTo("{\"team\":\"internals\"}");
    assertThat(user.getString("identity")).isEqualTo("upd");
  }

  @Test
  void answers_404_when_updating_an_unknown_user() {
    post(server, "/v1/Users/ghost", "FriendlyName", "x").then().statusCode(404);
  }

  @Test
  void rejects_an_update_with_attributes_that_are_not_json() {
    Fixtures.user(server, "upd-bad");

    post(server, "/v1/Users/upd-bad", "Attributes", "[").then().statusCode(400);
  }

  @Test
  void deletes_a_user() {
    String sid = Fixtures.user(server, "gone");

    server.api().delete("/v1/Users/" + sid).then().statusCode(204);

    server.api().get("/v1/Users/" + sid).then().statusCode(404);
  }

  @Test
  void deletes_a_user_by_identity_and_frees_the_identity() {
    Fixtures.user(server, "reborn");

    server.api().delete("/v1/Users/reborn").then().statusCode(204);

    post(server, "/v1/Users", "Identity", "reborn").then().statusCode(201);
  }

  @Test
  void answers_404_when_deleting_an_unknown_user() {
    server.api().delete("/v1/Users/nobody-here").then().statusCode(404);
  }

  @Test
  void caps_the_page_size_at_50() {
    server
        .api()
        .get("/v1/Users?PageSize=500")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(50))
        .body("meta.key", equalTo("users"));
  }

  @Test
  void pages_through_every_user_by_next_page_url() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(Fixtures.user(server, "paged-" + i));
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + "/v1/Users?PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("users.sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).containsSubsequence(created);
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void serves_the_same_users_under_the_service_scoped_path() {
    String service = Fixtures.defaultService(server);
    String sid = Fixtures.user(server, "scoped");

    var response = server.api().get("/v1/Services/" + service + "/Users/scoped");

    response.then().statusCode(200).body("sid", equalTo(sid));
    assertThat(response.<String>path("url"))
        .isEqualTo(server.baseUrl() + "/v1/Services/" + service + "/Users/" + sid);
    assertThat(response.<String>path("links.user_conversations"))
        .isEqualTo(
            server.baseUrl() + "/v1/Services/" + service + "/Users/" + sid + "/Conversations");
  }

  @Test
  void creates_users_under_the_service_scoped_path() {
    String service = Fixtures.defaultService(server);

    post(server, "/v1/Services/" + service + "/Users", "Identity", "made-scoped")
        .then()
        .statusCode(201)
        .body("chat_service_sid", equalTo(service));

    server.api().get("/v1/Users/made-scoped").then().statusCode(200);
  }

  @Test
  void answers_404_for_an_unknown_service() {
    server
        .api()
        .get("/v1/Services/IS" + "0".repeat(32) + "/Users")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message",
            equalTo(
                "The requested resource /Services/IS" + "0".repeat(32) + "/Users was not found"));
  }
}
