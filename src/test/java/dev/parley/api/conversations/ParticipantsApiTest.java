package dev.parley.api.conversations;

import static dev.parley.api.conversations.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ParticipantsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String participants(String conversation) {
    return "/v1/Conversations/" + conversation + "/Participants";
  }

  @Test
  void adds_a_chat_participant() {
    String conversation = Fixtures.conversation(server);
    String service = server.api().get("/v1/Configuration").path("default_chat_service_sid");
    String channelUserRole =
        server
            .api()
            .get("/v1/Services/" + service + "/Configuration")
            .path("default_conversation_role_sid");

    var response = post(server, participants(conversation), "Identity", "alice");

    response
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^MB[0-9a-f]{32}$"))
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("conversation_sid", equalTo(conversation))
        .body("identity", equalTo("alice"))
        .body("attributes", equalTo("{}"))
        .body("$", hasKey("messaging_binding"))
        .body("messaging_binding", nullValue())
        .body("role_sid", equalTo(channelUserRole))
        .body("last_read_message_index", nullValue())
        .body("last_read_timestamp", nullValue())
        .body("$", not(hasKey("chat_service_sid")));
    assertThat(response.<String>path("url"))
        .isEqualTo(server.baseUrl() + participants(conversation) + "/" + response.path("sid"));
  }

  @Test
  void creates_the_user_behind_a_new_chat_participant() {
    String conversation = Fixtures.conversation(server);

    Fixtures.participant(server, conversation, "Identity", "fresh-user");

    server.api().get("/v1/Users/fresh-user").then().statusCode(200);
  }

  @Test
  void keeps_the_existing_user_of_a_chat_participant() {
    post(server, 201, "/v1/Users", "Identity", "known", "FriendlyName", "Known One");
    String conversation = Fixtures.conversation(server);

    Fixtures.participant(server, conversation, "Identity", "known");

    server.api().get("/v1/Users/known").then().body("friendly_name", equalTo("Known One"));
  }

  @Test
  void adds_an_sms_participant_with_its_messaging_binding() {
    String conversation = Fixtures.conversation(server);

    JsonPath participant =
        post(
            server,
            201,
            participants(conversation),
            "MessagingBinding.Address",
            "+15558675310",
            "MessagingBinding.ProxyAddress",
            "+15017122661",
            "Attributes",
            "{\"role\":\"driver\"}");

    assertThat(participant.getString("identity")).isNull();
    assertThat(participant.getMap("messaging_binding"))
        .isEqualTo(
            Map.of("type", "sms", "address", "+15558675310", "proxy_address", "+15017122661"));
    assertThat(participant.getString("attributes")).isEqualTo("{\"role\":\"driver\"}");
  }

  @Test
  void types_a_whatsapp_binding_by_its_address() {
    String conversation = Fixtures.conversation(server);

    JsonPath participant =
        post(
            server,
            201,
            participants(conversation),
            "MessagingBinding.Address",
            "whatsapp:+15558675310",
            "MessagingBinding.ProxyAddress",
            "whatsapp:+15017122661");

    assertThat(participant.getString("messaging_binding.type")).isEqualTo("whatsapp");
  }

  @Test
  void adds_a_group_mms_chat_participant_with_a_projected_address() {
    String conversation = Fixtures.conversation(server);

    JsonPath participant =
        post(
            server,
            201,
            participants(conversation),
            "Identity",
            "mms-chat",
            "MessagingBinding.ProjectedAddress",
            "+15017122661");

    assertThat(participant.getMap("messaging_binding"))
        .isEqualTo(Map.of("type", "sms", "projected_address", "+15017122661"));
  }

  @Test
  void keeps_the_dates_and_role_it_is_given() {
    String conversation = Fixtures.conversation(server);
    String role = "RL" + "b".repeat(32);

    JsonPath participant =
        post(
            server,
            201,
            participants(conversation),
            "Identity",
            "dated",
            "RoleSid",
            role,
            "DateCreated",
            "2015-12-16T22:18:37Z",
            "DateUpdated",
            "2015-12-16T22:18:38Z");

    assertThat(participant.getString("role_sid")).isEqualTo(role);
    assertThat(participant.getString("date_created")).isEqualTo("2015-12-16T22:18:37Z");
    assertThat(participant.getString("date_updated")).isEqualTo("2015-12-16T22:18:38Z");
  }

  @Test
  void reads_a_date_without_an_offset_as_utc() {
    String conversation = Fixtures.conversation(server);

    JsonPath participant =
        post(
            server,
            201,
            participants(conversation),
            "Identity",
            "local-date",
            "DateCreated",
            "2015-12-16T22:18:37");

    assertThat(participant.getString("date_created")).isEqualTo("2015-12-16T22:18:37Z");
  }

  @Test
  void rejects_a_participant_without_identity_or_address() {
    String conversation = Fixtures.conversation(server);

    post(server, participants(conversation), "Attributes", "{}")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void rejects_a_participant_with_both_identity_and_address() {
    String conversation = Fixtures.conversation(server);

    post(
            server,
            participants(conversation),
            "Identity",
            "both",
            "MessagingBinding.Address",
            "+15550000001")
        .then()
        .statusCode(400);
  }

  @Test
  void rejects_a_proxy_address_without_an_address() {
    String conversation = Fixtures.conversation(server);

    post(server, participants(conversation), "Identity", "p", "MessagingBinding.ProxyAddress", "+1")
        .then()
        .statusCode(400);
  }

  @Test
  void rejects_an_identity_over_256_characters() {
    String conversation = Fixtures.conversation(server);

    post(server, participants(conversation), "Identity", "y".repeat(257)).then().statusCode(400);
  }

  @Test
  void rejects_attributes_that_are_not_json() {
    String conversation = Fixtures.conversation(server);

    post(server, participants(conversation), "Identity", "a", "Attributes", "nope")
        .then()
        .statusCode(400);
  }

  @Test
  void rejects_a_second_participant_with_the_same_identity() {
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(server, conversation, "Identity", "dup");

    post(server, participants(conversation), "Identity", "dup")
        .then()
        .statusCode(409)
        .body("code", equalTo(50433));
  }

  @Test
  void rejects_the_same_binding_twice_in_a_conversation() {
    String conversation = Fixtures.conversation(server);
    String[] binding = {
      "MessagingBinding.Address", "+15550000010", "MessagingBinding.ProxyAddress", "+15550000099"
    };
    Fixtures.participant(server, conversation, binding);

    post(server, participants(conversation), binding)
        .then()
        .statusCode(409)
        .body("code", equalTo(50416));
  }

  @Test
  void rejects_an_address_and_proxy_pair_held_by_another_open_conversation() {
    String first = Fixtures.conversation(server);
    String second = Fixtures.conversation(server);
    String[] binding = {
      "MessagingBinding.Address", "+15550000020", "MessagingBinding.ProxyAddress", "+15550000099"
    };
    Fixtures.participant(server, first, binding);

    post(server, participants(second), binding)
        .then()
        .statusCode(409)
        .body("code", equalTo(50416))
        .body(
            "message",
            equalTo(
                "A binding for this participant and proxy address already exists in Conversation "
                    + first));
  }

  @Test
  void frees_an_address_and_proxy_pair_when_its_conversation_closes() {
    String first = Fixtures.conversation(server);
    String second = Fixtures.conversation(server);
    String[] binding = {
      "MessagingBinding.Address", "+15550000030", "MessagingBinding.ProxyAddress", "+15550000099"
    };
    Fixtures.participant(server, first, binding);
    Fixtures.close(server, first);

    post(server, participants(second), binding).then().statusCode(201);
  }

  @Test
  void refuses_to_add_a_participant_to_a_closed_conversation() {
    String conversation = Fixtures.conversation(server, "State", "closed");

    post(server, participants(conversation), "Identity", "late")
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void answers_404_for_an_unknown_conversation() {
    post(server, participants("CH" + "0".repeat(32)), "Identity", "x")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void finds_the_conversation_by_unique_name() {
    Fixtures.conversation(server, "UniqueName", "named-room");

    post(server, participants("named-room"), "Identity", "n").then().statusCode(201);
  }

  @Test
  void fetches_a_participant_by_sid_and_by_identity() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "bob");

    server
        .api()
        .get(participants(conversation) + "/" + sid)
        .then()
        .body("identity", equalTo("bob"));
    server.api().get(participants(conversation) + "/bob").then().body("sid", equalTo(sid));
  }

  @Test
  void answers_404_for_an_unknown_participant() {
    String conversation = Fixtures.conversation(server);

    server
        .api()
        .get(participants(conversation) + "/MB" + "0".repeat(32))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void updates_attributes_role_and_dates() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "carol");
    String role = "RL" + "c".repeat(32);

    JsonPath participant =
        post(
            server,
            200,
            participants(conversation) + "/" + sid,
            "Attributes",
            "{\"a\":1}",
            "RoleSid",
            role,
            "DateCreated",
            "2020-07-01T22:18:37Z",
            "DateUpdated",
            "2020-07-02T22:18:37Z");

    assertThat(participant.getString("attributes")).isEqualTo("{\"a\":1}");
    assertThat(participant.getString("role_sid")).isEqualTo(role);
    assertThat(participant.getString("date_created")).isEqualTo("2020-07-01T22:18:37Z");
    assertThat(participant.getString("date_updated")).isEqualTo("2020-07-02T22:18:37Z");
    assertThat(participant.getString("identity")).isEqualTo("carol");
  }

  @Test
  void renames_a_participant_and_creates_the_new_identity_user() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "old-name");

    post(server, 200, participants(conversation) + "/" + sid, "Identity", "new-name");

    server.api().get(participants(conversation) + "/new-name").then().body("sid", equalTo(sid));
    server.api().get("/v1/Users/new-name").then().statusCode(200);
  }

  @Test
  void refuses_to_rename_a_participant_to_a_taken_identity() {
    String conversation = Fixtures.conversation(server);
    Fixtures.participant(server, conversation, "Identity", "taken");
    String sid = Fixtures.participant(server, conversation, "Identity", "other");

    post(server, participants(conversation) + "/" + sid, "Identity", "taken")
        .then()
        .statusCode(409)
        .body("code", equalTo(50433));
  }

  @Test
  void moves_the_read_horizon_and_stamps_when() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "reader");

    JsonPath participant =
        post(server, 200, participants(conversation) + "/" + sid, "LastReadMessageIndex", "4");

    assertThat(participant.getInt("last_read_message_index")).isEqualTo(4);
    assertThat(participant.getString("last_read_timestamp"))
        .matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
  }

  @Test
  void keeps_the_last_read_timestamp_it_is_given() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "reader2");

    JsonPath participant =
        post(
            server,
            200,
            participants(conversation) + "/" + sid,
            "LastReadMessageIndex",
            "2",
            "LastReadTimestamp",
            "2021-01-02T03:04:05Z");

    assertThat(participant.getString("last_read_timestamp")).isEqualTo("2021-01-02T03:04:05Z");
  }

  @Test
  void clears_the_read_horizon_with_an_empty_value() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "unreader");
    post(server, 200, participants(conversation) + "/" + sid, "LastReadMessageIndex", "3");

    JsonPath participant =
        post(server, 200, participants(conversation) + "/" + sid, "LastReadMessageIndex", "");

    assertThat(participant.getString("last_read_message_index")).isNull();
    assertThat(participant.getString("last_read_timestamp")).isNull();
  }

  @Test
  void rejects_a_negative_last_read_message_index() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "neg");

    post(server, participants(conversation) + "/" + sid, "LastReadMessageIndex", "-1")
        .then()
        .statusCode(400);
  }

  @Test
  void removes_a_proxy_address_sent_as_null() {
    String conversation = Fixtures.conversation(server);
    String sid =
        Fixtures.participant(
            server,
            conversation,
            "MessagingBinding.Address",
            "+15550000040",
            "MessagingBinding.ProxyAddress",
            "+15550000099");

    JsonPath participant =
        post(
            server,
            200,
            participants(conversation) + "/" + sid,
            "MessagingBinding.ProxyAddress",
            "null");

    assertThat(participant.getMap("messaging_binding"))
        .isEqualTo(Map.of("type", "sms", "address", "+15550000040"));
  }

  @Test
  void refuses_to_update_a_participant_of_a_closed_conversation() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "frozen");
    Fixtures.close(server, conversation);

    post(server, participants(conversation) + "/" + sid, "Attributes", "{}")
        .then()
        .statusCode(400)
        .body("code", equalTo(50377));
  }

  @Test
  void answers_404_when_updating_an_unknown_participant() {
    String conversation = Fixtures.conversation(server);

    post(server, participants(conversation) + "/nobody", "Attributes", "{}")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void deletes_a_participant() {
    String conversation = Fixtures.conversation(server);
    String sid = Fixtures.participant(server, conversation, "Identity", "leaver");

    server.api().delete(participants(conversation) + "/" + sid).then().statusCode(204);

    server.api().get(participants(conversation) + "/" + sid).then().statusCode(404);
  }

  @Test
  void answers_404_when_deleting_an_unknown_participant() {
    String conversation = Fixtures.conversation(server);

    server.api().delete(participants(conversation) + "/nobody").then().statusCode(404);
  }

  @Test
  void lists_participants_in_the_order_they_joined_page_by_page() {
    String conversation = Fixtures.conversation(server);
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      joined.add(Fixtures.participant(server, conversation, "Identity", "member-" + i));
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + participants(conversation) + "?PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      assertThat(page.getString("meta.key")).isEqualTo("participants");
      seen.addAll(page.getList("participants.sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).containsExactlyElementsOf(joined);
  }

  @Test
  void caps_the_page_size_at_100() {
    String conversation = Fixtures.conversation(server);

    server
        .api()
        .get(participants(conversation) + "?PageSize=1000")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(100));
  }

  @Test
  void answers_the_service_scoped_path_with_the_service_sid() {
    String service = Fixtures.defaultService(server);
    String conversation = Fixtures.conversation(server);
    String path = "/v1/Services/" + service + participants(conversation).substring(3);

    var response = post(server, path, "Identity", "scoped");

    response.then().statusCode(201).body("chat_service_sid", equalTo(service));
    assertThat(response.<String>path("url"))
        .isEqualTo(server.baseUrl() + path + "/" + response.path("sid"));
  }
}
