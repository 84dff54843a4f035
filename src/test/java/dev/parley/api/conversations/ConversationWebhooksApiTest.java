package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationWebhooksApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String createConversation() {
    return server.api().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
  }

  private static String webhooks(String conversation) {
    return "/v1/Conversations/" + conversation + "/Webhooks";
  }

  private static String createWebhook(String conversation) {
    return server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com/hook")
        .post(webhooks(conversation))
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void creates_a_webhook_target() {
    String conversation = createConversation();

    JsonPath body =
        server
            .api()
            .formParam("Target", "webhook")
            .formParam("Configuration.Url", "https://example.com")
            .formParam("Configuration.Method", "GET")
            .formParam("Configuration.Filters", "onMessageAdded", "onConversationRemoved")
            .post(webhooks(conversation))
            .then()
            .statusCode(201)
            .body("sid", matchesPattern("^WH[0-9a-f]{32}$"))
            .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
            .body("conversation_sid", equalTo(conversation))
            .body("target", equalTo("webhook"))
            .body("$", not(hasKey("chat_service_sid")))
            .extract()
            .jsonPath();

    assertThat(body.getMap("configuration"))
        .containsExactly(
            Map.entry("url", "https://example.com"),
            Map.entry("method", "get"),
            Map.entry("filters", List.of("onMessageAdded", "onConversationRemoved")));
    assertThat(body.getString("url"))
        .isEqualTo(server.baseUrl() + webhooks(conversation) + "/" + body.getString("sid"));
  }

  @Test
  void answers_trigger_keywords_under_filters() {
    String conversation = createConversation();

    JsonPath body =
        server
            .api()
            .formParam("Target", "trigger")
            .formParam("Configuration.Url", "https://example.com")
            .formParam("Configuration.Triggers", "keyword1", "keyword2")
            .post(webhooks(conversation))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(body.getMap("configuration"))
        .containsExactly(
            Map.entry("url", "https://example.com"),
            Map.entry("method", "post"),
            Map.entry("filters", List.of("keyword1", "keyword2")));
  }

  @Test
  void answers_only_the_flow_for_a_studio_target() {
    String conversation = createConversation();

    JsonPath body =
        server
            .api()
            .formParam("Target", "studio")
            .formParam("Configuration.FlowSid", "FW00000000000000000000000000000001")
            .post(webhooks(conversation))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(body.getMap("configuration"))
        .containsExactly(Map.entry("flow_sid", "FW00000000000000000000000000000001"));
  }

  @Test
  void keeps_replay_after_in_the_configuration() {
    String conversation = createConversation();

    server
        .api()
        .formParam("Target", "studio")
        .formParam("Configuration.FlowSid", "FW00000000000000000000000000000001")
        .formParam("Configuration.ReplayAfter", "3")
        .post(webhooks(conversation))
        .then()
        .statusCode(201)
        .body("configuration.replay_after", equalTo(3));
  }

  @Test
  void answers_the_service_sid_on_the_service_scoped_twin() {
    String service = server.api().formParam("FriendlyName", "s").post("/v1/Services").path("sid");
    String conversation =
        server.api().post("/v1/Services/" + service + "/Conversations").path("sid");
    String path = "/v1/Services/" + service + "/Conversations/" + conversation + "/Webhooks";

    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com")
        .post(path)
        .then()
        .statusCode(201)
        .body("chat_service_sid", equalTo(service))
        .body("url", startsWith(server.baseUrl() + path + "/WH"));
  }

  @Test
  void finds_the_conversation_by_unique_name() {
    server.api().formParam("UniqueName", "hooked").post("/v1/Conversations").then().statusCode(201);

    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com")
        .post(webhooks("hooked"))
        .then()
        .statusCode(201);
  }

  @Test
  void rejects_a_webhook_without_a_target() {
    server
        .api()
        .formParam("Configuration.Url", "https://example.com")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter Target in the post body"));
  }

  @Test
  void rejects_an_unknown_target() {
    server
        .api()
        .formParam("Target", "flex")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter Target: must be one of studio, trigger, webhook"));
  }

  @Test
  void rejects_a_webhook_target_without_a_url() {
    server
        .api()
        .formParam("Target", "webhook")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter Configuration.Url: is required when Target is webhook"));
  }

  @Test
  void rejects_a_trigger_target_without_a_url() {
    server
        .api()
        .formParam("Target", "trigger")
        .formParam("Configuration.Triggers", "help")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter Configuration.Url: is required when Target is trigger"));
  }

  @Test
  void rejects_a_studio_target_without_a_flow() {
    server
        .api()
        .formParam("Target", "studio")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter Configuration.FlowSid: is required when Target is studio"));
  }

  @Test
  void rejects_a_url_that_is_not_absolute() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "hook")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter Configuration.Url: must be an absolute http or https URL"));
  }

  @Test
  void rejects_a_url_with_a_port_no_receiver_can_have() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com:99999/hook")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            equalTo("Invalid parameter Configuration.Url: must be an absolute http or https URL"));
  }

  @Test
  void rejects_a_method_other_than_get_or_post() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com")
        .formParam("Configuration.Method", "delete")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body(
            "message", equalTo("Invalid parameter Configuration.Method: must be one of get, post"));
  }

  @Test
  void rejects_a_pre_action_filter() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com")
        .formParam("Configuration.Filters", "onMessageAdd")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body("message", startsWith("Invalid parameter Configuration.Filters: 'onMessageAdd'"));
  }

  @Test
  void rejects_a_flow_sid_without_the_fw_prefix() {
    server
        .api()
        .formParam("Target", "studio")
        .formParam("Configuration.FlowSid", "FO00000000000000000000000000000001")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Configuration.FlowSid: must be a FW SID"));
  }

  @Test
  void rejects_a_negative_replay_after() {
    server
        .api()
        .formParam("Target", "studio")
        .formParam("Configuration.FlowSid", "FW00000000000000000000000000000001")
        .formParam("Configuration.ReplayAfter", "-1")
        .post(webhooks(createConversation()))
        .then()
        .statusCode(400);
  }

  @Test
  void rejects_a_sixth_webhook_on_a_conversation() {
    String conversation = createConversation();
    for (int i = 0; i < 5; i++) {
      createWebhook(conversation);
    }

    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com/sixth")
        .post(webhooks(conversation))
        .then()
        .statusCode(400)
        .body("code", equalTo(50361))
        .body("message", equalTo("A conversation can have at most 5 webhooks"));
  }

  @Test
  void answers_404_for_a_webhook_on_an_unknown_conversation() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com")
        .post(webhooks("CH00000000000000000000000000000000"))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void fetches_a_webhook() {
    String conversation = createConversation();
    String sid = createWebhook(conversation);

    server
        .api()
        .get(webhooks(conversation) + "/" + sid)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("configuration.url", equalTo("https://example.com/hook"));
  }

  @Test
  void answers_404_for_a_webhook_of_another_conversation() {
    String sid = createWebhook(createConversation());

    server
        .api()
        .get(webhooks(createConversation()) + "/" + sid)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void updates_the_configuration_but_not_the_target() {
    String conversation = createConversation();
    String sid = createWebhook(conversation);

    server
        .api()
        .formParam("Configuration.Url", "https://example.com/moved")
        .formParam("Configuration.Method", "get")
        .formParam("Configuration.Filters", "onParticipantAdded")
        .post(webhooks(conversation) + "/" + sid)
        .then()
        .statusCode(200)
        .body("target", equalTo("webhook"))
        .body("configuration.url", equalTo("https://example.com/moved"))
        .body("configuration.method", equalTo("get"))
        .body("configuration.filters", contains("onParticipantAdded"));
  }

  @Test
  void update_rejects_a_bad_url() {
    String conversation = createConversation();
    String sid = createWebhook(conversation);

    server
        .api()
        .formParam("Configuration.Url", "mailto:a@example.com")
        .post(webhooks(conversation) + "/" + sid)
        .then()
        .statusCode(400);

    server
        .api()
        .get(webhooks(conversation) + "/" + sid)
        .then()
        .body("configuration.url", equalTo("https://example.com/hook"));
  }

  @Test
  void update_answers_404_for_an_unknown_webhook() {
    server
        .api()
        .formParam("Configuration.Url", "https://example.com")
        .post(webhooks(createConversation()) + "/WH00000000000000000000000000000000")
        .then()
        .statusCode(404);
  }

  @Test
  void deletes_a_webhook() {
    String conversation = createConversation();
    String sid = createWebhook(conversation);

    server.api().delete(webhooks(conversation) + "/" + sid).then().statusCode(204);

    server.api().get(webhooks(conversation) + "/" + sid).then().statusCode(404);
  }

  @Test
  void delete_answers_404_for_an_unknown_webhook() {
    server
        .api()
        .delete(webhooks(createConversation()) + "/WH00000000000000000000000000000000")
        .then()
        .statusCode(404);
  }

  @Test
  void lists_at_most_five_per_page_and_pages_by_next_page_url() {
    String conversation = createConversation();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(createWebhook(conversation));
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + webhooks(conversation) + "?PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      assertThat(page.getString("meta.key")).isEqualTo("webhooks");
      seen.addAll(page.getList("webhooks.sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).containsExactlyElementsOf(created);
    server
        .api()
        .get(webhooks(conversation) + "?PageSize=50")
        .then()
        .body("meta.page_size", equalTo(5));
  }
}
