package dev.parley.api.conversations;

import static dev.parley.api.conversations.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationWithParticipantsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String PATH = "/v1/ConversationWithParticipants";

  @Test
  void creates_a_conversation_without_participants_with_201() {
    post(server, PATH, "FriendlyName", "solo")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^CH[0-9a-f]{32}$"))
        .body("friendly_name", equalTo("solo"))
        .body("state", equalTo("active"));
  }

  @Test
  void creates_a_conversation_with_its_participants_with_202() {
    String sid =
        post(
                server,
                202,
                PATH,
                "FriendlyName",
                "group",
                "Participant",
                "{ \"identity\": \"cwp-user1\" }",
                "Participant",
                "{\"messaging_binding\": {\"address\": \"+15550001000\","
                    + " \"proxy_address\": \"+15550009999\"}}")
            .getString("sid");

    JsonPath list = server.api().get("/v1/Conversations/" + sid + "/Participants").jsonPath();
    assertThat(list.getList("participants")).hasSize(2);
    assertThat(list.getString("participants[0].identity")).isEqualTo("cwp-user1");
    assertThat(list.getString("participants[0].messaging_binding")).isNull();
    assertThat(list.getString("participants[1].identity")).isNull();
    assertThat(list.getString("participants[1].messaging_binding.address"))
        .isEqualTo("+15550001000");
    server.api().get("/v1/Users/cwp-user1").then().statusCode(200);
  }

  @Test
  void accepts_participant_fields_named_as_form_parameters() {
    String sid =
        post(
                server,
                202,
                PATH,
                "Participant",
                "{\"Identity\": \"cwp-pascal\", \"Attributes\": {\"vip\": true},"
                    + " \"RoleSid\": \"RL"
                    + "d".repeat(32)
                    + "\"}")
            .getString("sid");

    server
        .api()
        .get("/v1/Conversations/" + sid + "/Participants/cwp-pascal")
        .then()
        .statusCode(200)
        .body("attributes", equalTo("{\"vip\":true}"))
        .body("role_sid", equalTo("RL" + "d".repeat(32)));
  }

  @Test
  void writes_nothing_when_a_participant_is_not_json() {
    post(server, PATH, "UniqueName", "cwp-bad-json", "Participant", "{identity")
        .then()
        .statusCode(400)
        .body("code", equalTo(50427))
        .body("message", startsWith("Errors during multiple participants creation: Participant 1"));

    server.api().get("/v1/Conversations/cwp-bad-json").then().statusCode(404);
  }

  @Test
  void writes_nothing_when_a_participant_has_no_identity_or_address() {
    post(
            server,
            PATH,
            "UniqueName",
            "cwp-empty",
            "Participant",
            "{\"identity\": \"ok\"}",
            "Participant",
            "{\"attributes\": \"{}\"}")
        .then()
        .statusCode(400)
        .body("code", equalTo(50427))
        .body("message", startsWith("Errors during multiple participants creation: Participant 2"));

    server.api().get("/v1/Conversations/cwp-empty").then().statusCode(404);
  }

  @Test
  void writes_nothing_when_two_participants_share_an_identity() {
    post(
            server,
            PATH,
            "UniqueName",
            "cwp-dup",
            "Participant",
            "{\"identity\": \"cwp-twin\"}",
            "Participant",
            "{\"identity\": \"cwp-twin\"}")
        .then()
        .statusCode(400)
        .body("code", equalTo(50427));

    server.api().get("/v1/Conversations/cwp-dup").then().statusCode(404);
    server.api().get("/v1/Users/cwp-twin").then().statusCode(404);
  }

  @Test
  void writes_nothing_when_participants_join_a_closed_conversation() {
    post(
            server,
            PATH,
            "UniqueName",
            "cwp-closed",
            "State",
            "closed",
            "Participant",
            "{\"identity\": \"cwp-late\"}")
        .then()
        .statusCode(400)
        .body("code", equalTo(50427));

    server.api().get("/v1/Conversations/cwp-closed").then().statusCode(404);
  }

  @Test
  void rejects_more_than_10_participants() {
    List<String> params = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      params.add("Participant");
      params.add("{\"identity\": \"many-" + i + "\"}");
    }

    post(server, PATH, params.toArray(String[]::new)).then().statusCode(400);
  }

  @Test
  void rejects_a_unique_name_already_taken() {
    Fixtures.conversation(server, "UniqueName", "cwp-taken");

    post(server, PATH, "UniqueName", "cwp-taken", "Participant", "{\"identity\": \"x\"}")
        .then()
        .statusCode(409)
        .body("code", equalTo(50353));
  }

  @Test
  void rejects_conversation_parameters_like_conversation_create() {
    post(server, PATH, "Timers.Inactive", "PT5M")
        .then()
        .statusCode(400)
        .body("code", equalTo(50382));
  }

  @Test
  void answers_the_service_scoped_path_with_service_urls() {
    String service = Fixtures.defaultService(server);

    post(
            server,
            "/v1/Services/" + service + "/ConversationWithParticipants",
            "Participant",
            "{\"identity\": \"cwp-scoped\"}")
        .then()
        .statusCode(202)
        .body("chat_service_sid", equalTo(service))
        .body("url", startsWith(server.baseUrl() + "/v1/Services/" + service + "/Conversations/"));
  }
}
