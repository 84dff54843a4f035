package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolesApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private String createRole(String path, String name, String type, String... permissions) {
    return server
        .api()
        .formParam("FriendlyName", name)
        .formParam("Type", type)
        .formParam("Permission", (Object[]) permissions)
        .post(path)
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private String createService() {
    return server.api().formParam("FriendlyName", "s").post("/v1/Services").path("sid");
  }

  @Test
  void creates_a_conversation_role_on_the_default_service() {
    String defaultService = server.api().get("/v1/Configuration").path("default_chat_service_sid");

    JsonPath role =
        server
            .api()
            .formParam("FriendlyName", "Conversation Role")
            .formParam("Type", "conversation")
            .formParam("Permission", "sendMessage", "leaveConversation", "editOwnMessage")
            .post("/v1/Roles")
            .then()
            .statusCode(201)
            .body("sid", matchesPattern("^RL[0-9a-f]{32}$"))
            .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
            .body("chat_service_sid", equalTo(defaultService))
            .body("friendly_name", equalTo("Conversation Role"))
            .body("type", equalTo("conversation"))
            .body("permissions", contains("sendMessage", "leaveConversation", "editOwnMessage"))
            .extract()
            .jsonPath();

    assertThat(role.getString("url"))
        .isEqualTo(server.baseUrl() + "/v1/Roles/" + role.getString("sid"));
    assertThat(role.getString("date_created")).isEqualTo(role.getString("date_updated"));
  }

  @Test
  void creates_a_service_role_under_a_service_path() {
    String service = createService();

    server
        .api()
        .formParam("FriendlyName", "moderator")
        .formParam("Type", "service")
        .formParam("Permission", "createConversation", "editAnyUserInfo")
        .post("/v1/Services/" + service + "/Roles")
        .then()
        .statusCode(201)
        .body("chat_service_sid", equalTo(service))
        .body("url", matchesPattern(".*/v1/Services/" + service + "/Roles/RL[0-9a-f]{32}$"));
  }

  @Test
  void rejects_a_role_without_a_friendly_name() {
    server
        .api()
        .formParam("Type", "service")
        .formParam("Permission", "joinConversation")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter FriendlyName in the post body"));
  }

  @Test
  void rejects_a_friendly_name_over_64_characters() {
    server
        .api()
        .formParam("FriendlyName", "x".repeat(65))
        .formParam("Type", "service")
        .formParam("Permission", "joinConversation")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter FriendlyName: must be at most 64 characters"));
  }

  @Test
  void rejects_a_role_without_a_type() {
    server
        .api()
        .formParam("FriendlyName", "r")
        .formParam("Permission", "joinConversation")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter Type in the post body"));
  }

  @Test
  void rejects_an_unknown_type() {
    server
        .api()
        .formParam("FriendlyName", "r")
        .formParam("Type", "channel")
        .formParam("Permission", "joinConversation")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Type: must be one of conversation, service"));
  }

  @Test
  void rejects_a_role_without_permissions() {
    server
        .api()
        .formParam("FriendlyName", "r")
        .formParam("Type", "service")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter Permission in the post body"));
  }

  @Test
  void rejects_a_permission_the_type_does_not_allow() {
    server
        .api()
        .formParam("FriendlyName", "r")
        .formParam("Type", "service")
        .formParam("Permission", "joinConversation", "sendMessage")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter Permission: 'sendMessage' is not a permission of a service"
                    + " role"));
  }

  @Test
  void rejects_an_unknown_permission() {
    server
        .api()
        .formParam("FriendlyName", "r")
        .formParam("Type", "conversation")
        .formParam("Permission", "fly")
        .post("/v1/Roles")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void fetches_a_role() {
    String sid = createRole("/v1/Roles", "fetched", "conversation", "sendMessage");

    server
        .api()
        .get("/v1/Roles/" + sid)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("friendly_name", equalTo("fetched"));
  }

  @Test
  void answers_404_for_an_unknown_role() {
    server
        .api()
        .get("/v1/Roles/RL00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void hides_a_role_of_another_service_from_the_short_path() {
    String service = createService();
    String sid =
        createRole(
            "/v1/Services/" + service + "/Roles", "elsewhere", "service", "joinConversation");

    server.api().get("/v1/Roles/" + sid).then().statusCode(404);
    server.api().get("/v1/Services/" + service + "/Roles/" + sid).then().statusCode(200);
  }

  @Test
  void update_replaces_the_permissions() {
    String sid =
        createRole("/v1/Roles", "updated", "conversation", "sendMessage", "leaveConversation");

    server
        .api()
        .formParam("Permission", "sendMediaMessage", "deleteOwnMessage")
        .post("/v1/Roles/" + sid)
        .then()
        .statusCode(200)
        .body("permissions", contains("sendMediaMessage", "deleteOwnMessage"))
        .body("friendly_name", equalTo("updated"));

    server
        .api()
        .get("/v1/Roles/" + sid)
        .then()
        .body("permissions", contains("sendMediaMessage", "deleteOwnMessage"));
  }

  @Test
  void update_rejects_a_permission_the_roles_type_does_not_allow() {
    String sid = createRole("/v1/Roles", "typed", "conversation", "sendMessage");

    server
        .api()
        .formParam("Permission", "createConversation")
        .post("/v1/Roles/" + sid)
        .then()
        .statusCode(400)
        .body(
            "message",
            matchesPattern(".*'createConversation' is not a permission of a conversation role"));

    server.api().get("/v1/Roles/" + sid).then().body("permissions", contains("sendMessage"));
  }

  @Test
  void update_requires_a_permission() {
    String sid = createRole("/v1/Roles", "needs", "conversation", "sendMessage");

    server
        .api()
        .post("/v1/Roles/" + sid)
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter Permission in the post body"));
  }

  @Test
  void update_answers_404_for_an_unknown_role() {
    server
        .api()
        .formParam("Permission", "sendMessage")
        .post("/v1/Roles/RL00000000000000000000000000000000")
        .then()
        .statusCode(404);
  }

  @Test
  void deletes_a_role() {
    String sid = createRole("/v1/Roles", "doomed", "conversation", "sendMessage");

    server.api().delete("/v1/Roles/" + sid).then().statusCode(204);

    server.api().get("/v1/Roles/" + sid).then().statusCode(404);
  }

  @Test
  void refuses_to_delete_a_role_the_service_uses_as_a_default() {
    String sid =
        server
            .api()
            .get("/v1/Roles")
            .jsonPath()
            .getString("roles.find { it.friendly_name == 'channel user' }.sid");

    server
        .api()
        .delete("/v1/Roles/" + sid)
        .then()
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("message", matchesPattern("Role " + sid + " is a default role of service IS.*"));

    server.api().get("/v1/Roles/" + sid).then().statusCode(200);
  }

  @Test
  void caps_the_role_page_size_at_50() {
    server
        .api()
        .get("/v1/Roles?PageSize=100")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(50));
  }

  @Test
  void pages_through_every_role_of_a_service_by_next_page_url() {
    String service = createService();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(
          createRole("/v1/Services/" + service + "/Roles", "r" + i, "service", "joinConversation"));
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + "/v1/Services/" + service + "/Roles?PageSize=3";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("roles.sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).hasSize(7).endsWith(created.toArray(String[]::new));
  }
}
