package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ParticipantConversationsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void lists_the_conversations_of_an_identity() {
    String conversation =
        Fixtures.conversation(server, "FriendlyName", "Chat", "UniqueName", "pc-1");
    String participant = Fixtures.participant(server, conversation, "Identity", "pc-alice");
    String other = Fixtures.conversation(server);
    Fixtures.participant(server, other, "Identity", "pc-bob");

    JsonPath list =
        server
            .api()
            .queryParam("Identity", "pc-alice")
            .get("/v1/ParticipantConversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(list.getList("conversations")).hasSize(1);
    JsonPath row = new JsonPath(list.prettyPrint()).setRootPath("conversations[0]");
    String user = server.api().get("/v1/Users/pc-alice").path("sid");
    assertThat(row.getString("participant_sid")).isEqualTo(participant);
    assertThat(row.getString("participant_user_sid")).isEqualTo(user);
    assertThat(row.getString("participant_identity")).isEqualTo("pc-alice");
    assertThat(row.getString("participant_messaging_binding")).isNull();
    assertThat(row.getString("conversation_sid")).isEqualTo(conversation);
    assertThat(row.getString("conversation_friendly_name")).isEqualTo("Chat");
    assertThat(row.getString("conversation_unique_name")).isEqualTo("pc-1");
    assertThat(row.getString("conversation_attributes")).isEqualTo("{}");
    assertThat(row.getString("conversation_state")).isEqualTo("active");
    assertThat(row.getMap("conversation_timers")).isEmpty();
    assertThat(row.getString("links.conversation"))
        .isEqualTo(server.baseUrl() + "/v1/Conversations/" + conversation);
    assertThat(list.getString("meta.url"))
        .isEqualTo(
            server.baseUrl() + "/v1/ParticipantConversations?Identity=pc-alice&PageSize=50&Page=0");
  }

  @Test
  void lists_the_conversations_of_an_address() {
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(
        server,
        conversation,
        "MessagingBinding.Address",
        "+375255555555",
        "MessagingBinding.ProxyAddress",
        "+12345678910");

    JsonPath list =
        server
            .api()
            .queryParam("Address", "+375255555555")
            .get("/v1/ParticipantConversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(list.getList("conversations.conversation_sid")).containsExactly(conversation);
    assertThat(list.getString("conversations[0].participant_user_sid")).isNull();
    assertThat(list.getString("conversations[0].participant_identity")).isNull();
    assertThat(list.getMap("conversations[0].participant_messaging_binding"))
        .isEqualTo(
            Map.of("type", "sms", "address", "+375255555555", "proxy_address", "+12345678910"));
    assertThat(list.getString("meta.first_page_url"))
        .isEqualTo(
            server.baseUrl()
                + "/v1/ParticipantConversations?Address=%2B375255555555&PageSize=50&Page=0");
  }

  @Test
  void answers_an_empty_list_for_an_identity_in_no_conversation() {
    server
        .api()
        .queryParam("Identity", "nobody")
        .get("/v1/ParticipantConversations")
        .then()
        .statusCode(200)
        .body("conversations.size()", equalTo(0))
        .body("meta.next_page_url", equalTo(null));
  }

  @Test
  void requires_identity_or_address() {
    server
        .api()
        .get("/v1/ParticipantConversations")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void rejects_identity_and_address_together() {
    server
        .api()
        .queryParam("Identity", "a")
        .queryParam("Address", "+1")
        .get("/v1/ParticipantConversations")
        .then()
        .statusCode(400);
  }

  @Test
  void caps_the_page_size_at_50() {
    server
        .api()
        .queryParam("Identity", "a")
        .queryParam("PageSize", "100")
        .get("/v1/ParticipantConversations")
        .then()
        .body("meta.page_size", equalTo(50));
  }

  @Test
  void pages_through_an_identitys_conversations() {
    for (int i = 0; i < 3; i++) {
      Fixtures.participant(server, Fixtures.conversation(server), "Identity", "pc-many");
    }

    int seen = 0;
    String url = server.baseUrl() + "/v1/ParticipantConversations?Identity=pc-many&PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen += page.getList("conversations").size();
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).isEqualTo(3);
  }

  @Test
  void links_under_the_service_scoped_path() {
    String service = Fixtures.defaultService(server);
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(server, conversation, "Identity", "pc-scoped");

    server
        .api()
        .queryParam("Identity", "pc-scoped")
        .get("/v1/Services/" + service + "/ParticipantConversations")
        .then()
        .statusCode(200)
        .body("conversations[0].chat_service_sid", equalTo(service))
        .body(
            "conversations[0].links.conversation",
            equalTo(
                server.baseUrl() + "/v1/Services/" + service + "/Conversations/" + conversation));
  }
}
