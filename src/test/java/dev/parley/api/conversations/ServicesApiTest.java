package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServicesApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private String createService(String name) {
    return server
        .api()
        .formParam("FriendlyName", name)
        .post("/v1/Services")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void creates_a_service_with_its_links() {
    JsonPath body =
        server
            .api()
            .formParam("FriendlyName", "Support")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .body("sid", matchesPattern("^IS[0-9a-f]{32}$"))
            .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
            .body("friendly_name", equalTo("Support"))
            .extract()
            .jsonPath();

    String url = server.baseUrl() + "/v1/Services/" + body.getString("sid");
    assertThat(body.getString("url")).isEqualTo(url);
    assertThat(body.getMap("links", String.class, String.class))
        .containsOnly(
            Map.entry("conversations", url + "/Conversations"),
            Map.entry("users", url + "/Users"),
            Map.entry("roles", url + "/Roles"),
            Map.entry("bindings", url + "/Bindings"),
            Map.entry("configuration", url + "/Configuration"),
            Map.entry("participant_conversations", url + "/ParticipantConversations"),
            Map.entry("conversation_with_participants", url + "/ConversationWithParticipants"));
  }

  @Test
  void rejects_a_service_without_a_friendly_name() {
    server
        .api()
        .post("/v1/Services")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("Missing required parameter FriendlyName in the post body"));
  }

  @Test
  void rejects_a_friendly_name_over_256_characters() {
    server
        .api()
        .formParam("FriendlyName", "x".repeat(257))
        .post("/v1/Services")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter FriendlyName: must be at most 256 characters"));
  }

  @Test
  void gives_a_new_service_twilios_four_default_roles() {
    String sid = createService("With roles");

    JsonPath roles =
        server
            .api()
            .get("/v1/Services/" + sid + "/Roles")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(roles.getList("roles.friendly_name"))
        .containsExactly("channel admin", "channel user", "service admin", "service user");
    assertThat(roles.getList("roles.type"))
        .containsExactly("conversation", "conversation", "service", "service");
    assertThat(roles.getList("roles[1].permissions", String.class))
        .contains("sendMessage", "leaveConversation", "editOwnMessage", "deleteOwnMessage")
        .doesNotContain("deleteAnyMessage");
    assertThat(roles.getList("roles[3].permissions", String.class))
        .containsExactly("createConversation", "joinConversation", "editOwnUserInfo");
  }

  @Test
  void makes_the_default_roles_the_new_services_defaults() {
    String sid = createService("Defaults");
    JsonPath roles = server.api().get("/v1/Services/" + sid + "/Roles").jsonPath();

    JsonPath configuration =
        server
            .api()
            .get("/v1/Services/" + sid + "/Configuration")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(configuration.getString("default_conversation_creator_role_sid"))
        .isEqualTo(roles.getString("roles.find { it.friendly_name == 'channel admin' }.sid"));
    assertThat(configuration.getString("default_conversation_role_sid"))
        .isEqualTo(roles.getString("roles.find { it.friendly_name == 'channel user' }.sid"));
    assertThat(configuration.getString("default_chat_service_role_sid"))
        .isEqualTo(roles.getString("roles.find { it.friendly_name == 'service user' }.sid"));
  }

  @Test
  void gives_the_bootstrapped_default_service_the_default_roles() {
    List<String> names = server.api().get("/v1/Roles").jsonPath().getList("roles.friendly_name");

    assertThat(names)
        .containsExactly("channel admin", "channel user", "service admin", "service user");
  }

  @Test
  void fetches_a_service() {
    String sid = createService("Fetched");

    server
        .api()
        .get("/v1/Services/" + sid)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("friendly_name", equalTo("Fetched"));
  }

  @Test
  void answers_404_for_an_unknown_service() {
    server
        .api()
        .get("/v1/Services/IS00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void pages_through_every_service_by_next_page_url() {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      createService("paged-" + i);
    }

    String url = server.baseUrl() + "/v1/Services?PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      assertThat(page.getString("meta.key")).isEqualTo("services");
      seen.addAll(page.getList("services.friendly_name"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).contains("paged-0", "paged-1", "paged-2").doesNotHaveDuplicates();
  }

  @Test
  void caps_the_service_page_size_at_100() {
    server
        .api()
        .get("/v1/Services?PageSize=500")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(100));
  }

  @Test
  void deletes_a_service_with_its_conversations() {
    String sid = createService("Doomed");
    String conversation =
        server
            .api()
            .post("/v1/Services/" + sid + "/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    server.api().delete("/v1/Services/" + sid).then().statusCode(204);

    server.api().get("/v1/Services/" + sid).then().statusCode(404);
    server
        .api()
        .get("/v1/Services/" + sid + "/Conversations/" + conversation)
        .then()
        .statusCode(404);
  }

  @Test
  void refuses_to_delete_the_accounts_default_service() {
    String sid = server.api().get("/v1/Configuration").path("default_chat_service_sid");

    server
        .api()
        .delete("/v1/Services/" + sid)
        .then()
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("message", matchesPattern(".*default Conversation Service.*DefaultChatServiceSid.*"));

    server.api().get("/v1/Services/" + sid).then().statusCode(200);
  }

  @Test
  void refuses_to_delete_a_service_an_address_configuration_creates_conversations_in() {
    String sid = createService("Used");
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550001111")
        .formParam("AutoCreation.Enabled", "true")
        .formParam("AutoCreation.Type", "default")
        .formParam("AutoCreation.ConversationServiceSid", sid)
        .post("/v1/Configuration/Addresses")
        .then()
        .statusCode(201);

    server
        .api()
        .delete("/v1/Services/" + sid)
        .then()
        .statusCode(409)
        .body("message", matchesPattern(".*address configuration IG.*"));
  }
}
