package dev.parley.api.conversations;

import static dev.parley.api.conversations.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserConversationsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String of(String user) {
    return "/v1/Users/" + user + "/Conversations";
  }

  @Test
  void lists_the_conversations_a_user_takes_part_in() {
    String user = Fixtures.user(server, "lister");
    String conversation =
        Fixtures.conversation(
            server, "FriendlyName", "Help", "UniqueName", "help-1", "Attributes", "{\"a\":1}");
    String participant = Fixtures.participant(server, conversation, "Identity", "lister");

    JsonPath list = server.api().get(of(user)).then().statusCode(200).extract().jsonPath();

    assertThat(list.getList("conversations")).hasSize(1);
    assertThat(list.getString("meta.key")).isEqualTo("conversations");
    assertThat(list.getInt("meta.page_size")).isEqualTo(50);
    JsonPath row = new JsonPath(list.prettyPrint()).setRootPath("conversations[0]");
    assertThat(row.getString("account_sid")).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(row.getString("conversation_sid")).isEqualTo(conversation);
    assertThat(row.getString("participant_sid")).isEqualTo(participant);
    assertThat(row.getString("user_sid")).isEqualTo(user);
    assertThat(row.getString("friendly_name")).isEqualTo("Help");
    assertThat(row.getString("unique_name")).isEqualTo("help-1");
    assertThat(row.getString("attributes")).isEqualTo("{\"a\":1}");
    assertThat(row.getString("conversation_state")).isEqualTo("active");
    assertThat(row.getString("notification_level")).isEqualTo("default");
    assertThat(row.getString("unread_messages_count")).isNull();
    assertThat(row.getString("last_read_message_index")).isNull();
    assertThat(row.getMap("timers")).isEmpty();
    assertThat(row.getString("url")).isEqualTo(server.baseUrl() + of(user) + "/" + conversation);
    assertThat(row.getString("links.conversation"))
        .isEqualTo(server.baseUrl() + "/v1/Conversations/" + conversation);
    assertThat(row.getString("links.participant"))
        .isEqualTo(
            server.baseUrl()
                + "/v1/Conversations/"
                + conversation
                + "/Participants/"
                + participant);
  }

  @Test
  void lists_by_identity_with_urls_on_the_user_sid() {
    String user = Fixtures.user(server, "alias-lister");

    server
        .api()
        .get(of("alias-lister"))
        .then()
        .statusCode(200)
        .body("conversations.size()", equalTo(0))
        .body("meta.url", equalTo(server.baseUrl() + of(user) + "?PageSize=50&Page=0"));
  }

  @Test
  void answers_404_for_the_conversations_of_an_unknown_user() {
    server.api().get(of("ghost")).then().statusCode(404).body("code", equalTo(20404));
  }

  @Test
  void pages_through_a_users_conversations() {
    String user = Fixtures.user(server, "busy");
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String conversation = Fixtures.conversation(server);
      Fixtures.participant(server, conversation, "Identity", "busy");
      joined.add(conversation);
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + of(user) + "?PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("conversations.conversation_sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).containsExactlyElementsOf(joined);
  }

  @Test
  void fetches_one_conversation_of_a_user_by_unique_name() {
    String user = Fixtures.user(server, "fetcher");
    String conversation = Fixtures.conversation(server, "UniqueName", "fetch-me");
    Fixtures.participant(server, conversation, "Identity", "fetcher");

    server
        .api()
        .get(of("fetcher") + "/fetch-me")
        .then()
        .statusCode(200)
        .body("conversation_sid", equalTo(conversation))
        .body("user_sid", equalTo(user))
        .body("$", hasKey("unread_messages_count"));
  }

  @Test
  void answers_404_for_a_conversation_the_user_is_not_in() {
    Fixtures.user(server, "outsider");
    String conversation = Fixtures.conversation(server);

    server
        .api()
        .get(of("outsider") + "/" + conversation)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void answers_404_for_an_unknown_conversation() {
    Fixtures.user(server, "lost");

    server
        .api()
        .get(of("lost") + "/CH" + "0".repeat(32))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void counts_the_messages_after_the_read_horizon() {
    Fixtures.user(server, "counter");
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(server, conversation, "Identity", "counter");
    for (int i = 0; i < 5; i++) {
      post(server, 201, "/v1/Conversations/" + conversation + "/Messages", "Body", "m" + i);
    }

    JsonPath row =
        post(server, 200, of("counter") + "/" + conversation, "LastReadMessageIndex", "1");

    assertThat(row.getInt("last_read_message_index")).isEqualTo(1);
    assertThat(row.getInt("unread_messages_count")).isEqualTo(3);
  }

  @Test
  void sets_notification_level_and_read_timestamp() {
    Fixtures.user(server, "muter");
    String conversation = Fixtures.conversation(server);
    String participant = Fixtures.participant(server, conversation, "Identity", "muter");

    JsonPath row =
        post(
            server,
            200,
            of("muter") + "/" + conversation,
            "NotificationLevel",
            "muted",
            "LastReadTimestamp",
            "2015-07-30T20:00:00Z",
            "LastReadMessageIndex",
            "0");

    assertThat(row.getString("notification_level")).isEqualTo("muted");
    assertThat(row.getInt("unread_messages_count")).isZero();
    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Participants/" + participant)
        .then()
        .body("last_read_timestamp", equalTo("2015-07-30T20:00:00Z"))
        .body("last_read_message_index", equalTo(0));
  }

  @Test
  void rejects_an_unknown_notification_level() {
    Fixtures.user(server, "loud");
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(server, conversation, "Identity", "loud");

    post(server, of("loud") + "/" + conversation, "NotificationLevel", "loud")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_to_update_in_a_closed_conversation() {
    Fixtures.user(server, "archived");
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(server, conversation, "Identity", "archived");
    Fixtures.close(server, conversation);

    post(server, of("archived") + "/" + conversation, "NotificationLevel", "muted")
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void leaves_a_conversation_by_deleting_it_from_the_user() {
    Fixtures.user(server, "quitter");
    String conversation = Fixtures.conversation(server);
    String participant = Fixtures.participant(server, conversation, "Identity", "quitter");

    server.api().delete(of("quitter") + "/" + conversation).then().statusCode(204);

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Participants/" + participant)
        .then()
        .statusCode(404);
    server.api().get("/v1/Conversations/" + conversation).then().statusCode(200);
    server.api().get("/v1/Users/quitter").then().statusCode(200);
  }

  @Test
  void answers_404_when_deleting_a_conversation_the_user_is_not_in() {
    Fixtures.user(server, "never-there");
    String conversation = Fixtures.conversation(server);

    server.api().delete(of("never-there") + "/" + conversation).then().statusCode(404);
  }

  @Test
  void links_under_the_service_scoped_path() {
    String service = Fixtures.defaultService(server);
    String user = Fixtures.user(server, "scoped-member");
    String conversation = Fixtures.conversation(server);
    String participant = Fixtures.participant(server, conversation, "Identity", "scoped-member");
    String prefix = server.baseUrl() + "/v1/Services/" + service;

    var response =
        server.api().get("/v1/Services/" + service + of(user).substring(3) + "/" + conversation);

    response
        .then()
        .statusCode(200)
        .body("url", equalTo(prefix + "/Users/" + user + "/Conversations/" + conversation))
        .body("links.conversation", equalTo(prefix + "/Conversations/" + conversation))
        .body(
            "links.participant",
            equalTo(prefix + "/Conversations/" + conversation + "/Participants/" + participant))
        .body("created_by", nullValue());
  }
}
