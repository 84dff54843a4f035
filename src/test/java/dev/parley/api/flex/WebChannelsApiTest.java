package dev.parley.api.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/WebChannels}: each operation, and what it does to the conversation behind it. */
class WebChannelsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebChannelFixtures fixtures = new WebChannelFixtures(server);

  private JsonPath conversation(String sid) {
    return server.api().get("/v1/Conversations/" + sid).then().statusCode(200).extract().jsonPath();
  }

  private JsonPath webhooks(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void creates_a_web_channel_on_a_flex_flow() {
    String flow = fixtures.studioFlow();

    fixtures
        .create(flow, "visitor-create")
        .then()
        .statusCode(201)
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("flex_flow_sid", equalTo(flow))
        .body("sid", matchesPattern("^CH[0-9a-f]{32}$"))
        .body("url", matchesPattern("^http://.+/v1/WebChannels/CH[0-9a-f]{32}$"))
        .body("date_created", matchesPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
  }

  @Test
  void opens_a_conversation_with_the_legacy_channel_attributes() {
    String flow = fixtures.studioFlow();

    String sid =
        fixtures
            .request(flow, "visitor-attrs")
            .formParam("ChatUniqueName", "chat-attrs")
            .formParam("PreEngagementData", "{\"friendlyName\":\"Ann\",\"location\":\"/shop\"}")
            .post("/v1/WebChannels")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    JsonPath conversation = conversation(sid);
    assertThat(conversation.getString("friendly_name")).isEqualTo("Flex WebChat");
    assertThat(conversation.getString("unique_name")).isEqualTo("chat-attrs");
    assertThat(conversation.getString("state")).isEqualTo("active");
    assertThat(conversation.getString("chat_service_sid")).isEqualTo(fixtures.defaultService());
    assertThat(conversation.getString("attributes"))
        .isEqualTo(
            "{\"status\":\"ACTIVE\",\"long_lived\":false,"
                + "\"pre_engagement_data\":{\"friendlyName\":\"Ann\",\"location\":\"/shop\"},"
                + "\"from\":\"Ann Visitor\",\"channel_type\":\"web\"}");
  }

  @Test
  void carries_the_flows_long_lived_setting_and_empty_pre_engagement_data() {
    String sid = fixtures.create(fixtures.taskFlow(), "visitor-long").then().extract().path("sid");

    assertThat(conversation(sid).getString("attributes"))
        .contains("\"long_lived\":true")
        .contains("\"pre_engagement_data\":{}");
  }

  @Test
  void creates_the_visitors_user_named_for_the_customer() {
    fixtures.create(fixtures.studioFlow(), "visitor-user").then().statusCode(201);

    server
        .api()
        .get("/v1/Users/visitor-user")
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Ann Visitor"));
  }

  @Test
  void reuses_the_user_of_a_returning_visitor() {
    String flow = fixtures.studioFlow();
    fixtures.create(flow, "visitor-back").then().statusCode(201);

    fixtures.create(flow, "visitor-back").then().statusCode(201);

    server.api().get("/v1/Users/visitor-back").then().statusCode(200);
  }

  @Test
  void places_the_visitor_in_the_conversation() {
    String sid = fixtures.channel("visitor-member");

    server
        .api()
        .get("/v1/Conversations/" + sid + "/Participants")
        .then()
        .statusCode(200)
        .body("participants", hasSize(1))
        .body("participants[0].identity", equalTo("visitor-member"))
        .body("participants[0].messaging_binding", nullValue());
  }

  @Test
  void connects_a_studio_integration_as_a_studio_webhook() {
    String sid = fixtures.channel("visitor-studio");

    JsonPath hooks = webhooks(sid);

    assertThat(hooks.getList("webhooks")).hasSize(1);
    assertThat(hooks.getString("webhooks[0].target")).isEqualTo("studio");
    assertThat(hooks.getString("webhooks[0].configuration.flow_sid"))
        .isEqualTo(WebChannelFixtures.STUDIO_FLOW);
  }

  @Test
  void connects_an_external_integration_as_a_message_webhook() {
    String sid =
        fixtures.create(fixtures.externalFlow(), "visitor-ext").then().extract().path("sid");

    JsonPath hooks = webhooks(sid);

    assertThat(hooks.getList("webhooks")).hasSize(1);
    assertThat(hooks.getString("webhooks[0].target")).isEqualTo("webhook");
    assertThat(hooks.getString("webhooks[0].configuration.url"))
        .isEqualTo(WebChannelFixtures.HOOK_URL);
    assertThat(hooks.getString("webhooks[0].configuration.method")).isEqualTo("post");
    assertThat(hooks.getList("webhooks[0].configuration.filters"))
        .containsExactly("onMessageAdded");
  }

  @Test
  void connects_no_webhook_for_a_task_integration() {
    String sid = fixtures.create(fixtures.taskFlow(), "visitor-task").then().extract().path("sid");

    assertThat(webhooks(sid).getList("webhooks")).isEmpty();
  }

  @Test
  void fetches_a_web_channel() {
    String flow = fixtures.studioFlow();
    String sid = fixtures.create(flow, "visitor-fetch").then().extract().path("sid");

    server
        .api()
        .get("/v1/WebChannels/" + sid)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("flex_flow_sid", equalTo(flow));
  }

  @Test
  void lists_web_channels_a_page_at_a_time() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(fixtures.channel("visitor-list-" + i));
    }

    List<String> listed = new ArrayList<>();
    String next = "/v1/WebChannels?PageSize=2";
    while (next != null) {
      JsonPath page = server.api().get(next).then().statusCode(200).extract().jsonPath();
      assertThat(page.getString("meta.key")).isEqualTo("flex_chat_channels");
      assertThat(page.getList("flex_chat_channels")).hasSizeLessThanOrEqualTo(2);
      listed.addAll(page.getList("flex_chat_channels.sid"));
      next = page.getString("meta.next_page_url");
    }

    assertThat(listed).containsSubsequence(created);
  }

  @Test
  void defaults_to_pages_of_fifty() {
    server
        .api()
        .get("/v1/WebChannels")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(50))
        .body("meta.key", equalTo("flex_chat_channels"));
  }

  @Test
  void caps_the_page_size_at_one_thousand() {
    server
        .api()
        .get("/v1/WebChannels?PageSize=5000")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(1000));
  }

  @Test
  void ends_the_chat_when_the_status_becomes_inactive() {
    String sid = fixtures.channel("visitor-end");

    server
        .api()
        .formParam("ChatStatus", "inactive")
        .post("/v1/WebChannels/" + sid)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid));

    JsonPath conversation = conversation(sid);
    assertThat(conversation.getString("state")).isEqualTo("inactive");
    assertThat(conversation.getString("attributes"))
        .contains("\"status\":\"INACTIVE\"")
        .contains("\"from\":\"Ann Visitor\"");
  }

  @Test
  void keeps_post_engagement_data_in_the_conversation_attributes() {
    String sid = fixtures.channel("visitor-post");

    server
        .api()
        .formParam("PostEngagementData", "{\"rating\":5}")
        .post("/v1/WebChannels/" + sid)
        .then()
        .statusCode(200);

    JsonPath conversation = conversation(sid);
    assertThat(conversation.getString("state")).isEqualTo("active");
    assertThat(conversation.getString("attributes"))
        .contains("\"status\":\"ACTIVE\"")
        .contains("\"post_engagement_data\":{\"rating\":5}");
  }

  @Test
  void deletes_the_web_channel_and_its_conversation() {
    String sid = fixtures.channel("visitor-delete");

    server.api().delete("/v1/WebChannels/" + sid).then().statusCode(204);

    server.api().get("/v1/WebChannels/" + sid).then().statusCode(404);
    server.api().get("/v1/Conversations/" + sid).then().statusCode(404);
  }

  @Test
  void forgets_the_web_channel_when_its_conversation_is_deleted() {
    String sid = fixtures.channel("visitor-gone");

    server.api().delete("/v1/Conversations/" + sid).then().statusCode(204);

    server.api().get("/v1/WebChannels/" + sid).then().statusCode(404);
  }
}
