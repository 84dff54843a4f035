package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AddressConfigurationsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String PATH = "/v1/Configuration/Addresses";

  private static String defaultService() {
    return server.api().get("/v1/Configuration").path("default_chat_service_sid");
  }

  private static RequestSpecification webhookAddress(String address) {
    return server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", address)
        .formParam("FriendlyName", "My Test Configuration")
        .formParam("AutoCreation.Enabled", "true")
        .formParam("AutoCreation.Type", "webhook")
        .formParam("AutoCreation.ConversationServiceSid", defaultService())
        .formParam("AutoCreation.WebhookUrl", "https://example.com")
        .formParam("AutoCreation.WebhookMethod", "post")
        .formParam("AutoCreation.WebhookFilters", "onParticipantAdded", "onMessageAdded")
        .formParam("AddressCountry", "CA");
  }

  private static String create(String type, String address) {
    return server
        .api()
        .formParam("Type", type)
        .formParam("Address", address)
        .post(PATH)
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void creates_a_webhook_address_configuration_as_twilios_example() {
    String service = defaultService();

    JsonPath body =
        webhookAddress("+37256123457")
            .post(PATH)
            .then()
            .statusCode(201)
            .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
            .body("sid", matchesPattern("^IG[0-9a-f]{32}$"))
            .body("address", equalTo("+37256123457"))
            .body("type", equalTo("sms"))
            .body("friendly_name", equalTo("My Test Configuration"))
            .body("address_country", equalTo("CA"))
            .extract()
            .jsonPath();

    assertThat(body.getMap("auto_creation"))
        .containsExactly(
            Map.entry("enabled", true),
            Map.entry("type", "webhook"),
            Map.entry("conversation_service_sid", service),
            Map.entry("webhook_url", "https://example.com"),
            Map.entry("webhook_method", "POST"),
            Map.entry("webhook_filters", List.of("onParticipantAdded", "onMessageAdded")));
    assertThat(body.getString("url"))
        .isEqualTo(server.baseUrl() + PATH + "/" + body.getString("sid"));
  }

  @Test
  void renders_only_the_studio_keys_for_a_studio_address() {
    String service = defaultService();

    JsonPath body =
        server
            .api()
            .formParam("Type", "whatsapp")
            .formParam("Address", "+37256123458")
            .formParam("AutoCreation.Enabled", "false")
            .formParam("AutoCreation.Type", "studio")
            .formParam("AutoCreation.ConversationServiceSid", service)
            .formParam("AutoCreation.StudioFlowSid", "FW00000000000000000000000000000001")
            .formParam("AutoCreation.StudioRetryCount", "3")
            .post(PATH)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(body.getMap("auto_creation"))
        .containsExactly(
            Map.entry("enabled", false),
            Map.entry("type", "studio"),
            Map.entry("conversation_service_sid", service),
            Map.entry("studio_flow_sid", "FW00000000000000000000000000000001"),
            Map.entry("studio_retry_count", 3));
  }

  @Test
  void renders_only_enabled_and_type_for_a_default_address() {
    JsonPath body =
        server
            .api()
            .formParam("Type", "email")
            .formParam("Address", "example@example.com")
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "default")
            .post(PATH)
            .then()
            .statusCode(201)
            .body("address_country", nullValue())
            .extract()
            .jsonPath();

    assertThat(body.getMap("auto_creation"))
        .containsExactly(Map.entry("enabled", true), Map.entry("type", "default"));
  }

  @Test
  void echoes_the_type_as_it_was_sent() {
    server
        .api()
        .formParam("Type", "whAtsAPP")
        .formParam("Address", "urn:mbid:AQAAYyUbut6E4B3T9FLv5EbG")
        .post(PATH)
        .then()
        .statusCode(201)
        .body("type", equalTo("whAtsAPP"))
        .body("auto_creation.enabled", equalTo(false));
  }

  @Test
  void starts_every_account_with_a_default_chat_address() {
    JsonPath page =
        server.api().get(PATH + "?Type=chat").then().statusCode(200).extract().jsonPath();

    assertThat(page.getList("address_configurations.address")).contains("parley:default-chat");
    Map<String, Object> chat =
        page.getMap("address_configurations.find { it.address == 'parley:default-chat' }");
    assertThat(chat.get("type")).isEqualTo("chat");
    // The first start points it at the default "Webchat Flow" (docs/studio.md).
    @SuppressWarnings("unchecked")
    Map<String, Object> auto = (Map<String, Object>) chat.get("auto_creation");
    assertThat(auto).containsEntry("enabled", true).containsEntry("type", "studio");
    assertThat((String) auto.get("studio_flow_sid")).matches("FW[0-9a-f]{32}");
  }

  @Test
  void rejects_an_address_configuration_without_a_type() {
    server
        .api()
        .formParam("Address", "+15550000001")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter Type in the post body"));
  }

  @Test
  void rejects_a_type_outside_twilios_enum() {
    server
        .api()
        .formParam("Type", "web")
        .formParam("Address", "+15550000002")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("message", startsWith("Invalid parameter Type: must be one of apple, chat, email"));
  }

  @Test
  void rejects_an_address_configuration_without_an_address() {
    server
        .api()
        .formParam("Type", "sms")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("message", equalTo("Missing required parameter Address in the post body"));
  }

  @Test
  void rejects_a_friendly_name_over_256_characters() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000003")
        .formParam("FriendlyName", "x".repeat(257))
        .post(PATH)
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter FriendlyName: must be at most 256 characters"));
  }

  @Test
  void rejects_an_unknown_auto_creation_type() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000004")
        .formParam("AutoCreation.Type", "flex")
        .post(PATH)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter AutoCreation.Type: must be one of default, studio, webhook"));
  }

  @Test
  void rejects_an_auto_creation_method_other_than_get_or_post() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000005")
        .formParam("AutoCreation.WebhookMethod", "patch")
        .post(PATH)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter AutoCreation.WebhookMethod: must be one of get, post"));
  }

  @Test
  void rejects_a_pre_action_webhook_filter() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000006")
        .formParam("AutoCreation.WebhookFilters", "onMessageAdd")
        .post(PATH)
        .then()
        .statusCode(400)
        .body(
            "message", startsWith("Invalid parameter AutoCreation.WebhookFilters: 'onMessageAdd'"));
  }

  @Test
  void rejects_a_webhook_url_that_is_not_absolute() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000007")
        .formParam("AutoCreation.WebhookUrl", "example.com")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void rejects_a_conversation_service_the_account_does_not_have() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000008")
        .formParam("AutoCreation.ConversationServiceSid", "IS00000000000000000000000000000009")
        .post(PATH)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter AutoCreation.ConversationServiceSid:"
                    + " IS00000000000000000000000000000009 is not a Conversation Service of this"
                    + " account"));
  }

  @Test
  void rejects_a_studio_flow_sid_without_the_fw_prefix() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000009")
        .formParam("AutoCreation.StudioFlowSid", "FO00000000000000000000000000000001")
        .post(PATH)
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter AutoCreation.StudioFlowSid: must be a FW SID"));
  }

  @Test
  void rejects_a_studio_retry_count_over_3() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+15550000010")
        .formParam("AutoCreation.StudioRetryCount", "4")
        .post(PATH)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter AutoCreation.StudioRetryCount: must be between 0 and 3"));
  }

  @Test
  void rejects_an_address_already_configured() {
    create("sms", "+15550000011");

    server
        .api()
        .formParam("Type", "whatsapp")
        .formParam("Address", "+15550000011")
        .post(PATH)
        .then()
        .statusCode(409)
        .body("code", equalTo(50417));
  }

  @Test
  void fetches_by_sid_and_by_address() {
    String sid = create("sms", "+15550000012");

    server.api().get(PATH + "/" + sid).then().statusCode(200).body("sid", equalTo(sid));
    server
        .api()
        .urlEncodingEnabled(false)
        .get(PATH + "/%2B15550000012")
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid));
  }

  @Test
  void answers_404_for_an_unknown_address_configuration() {
    server
        .api()
        .get(PATH + "/IG00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void updates_the_friendly_name_and_auto_creation() {
    String sid = webhookAddress("+15550000013").post(PATH).path("sid");

    server
        .api()
        .formParam("FriendlyName", "Updated")
        .formParam("AutoCreation.Enabled", "false")
        .formParam("AutoCreation.Type", "studio")
        .formParam("AutoCreation.StudioFlowSid", "FW00000000000000000000000000000002")
        .formParam("AutoCreation.StudioRetryCount", "2")
        .post(PATH + "/" + sid)
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Updated"))
        .body("type", equalTo("sms"))
        .body("address_country", equalTo("CA"))
        .body("auto_creation.enabled", equalTo(false))
        .body("auto_creation.type", equalTo("studio"))
        .body("auto_creation.studio_flow_sid", equalTo("FW00000000000000000000000000000002"))
        .body("auto_creation.studio_retry_count", equalTo(2));

    server
        .api()
        .formParam("AutoCreation.Type", "webhook")
        .post(PATH + "/" + sid)
        .then()
        .statusCode(200)
        .body("auto_creation.webhook_url", equalTo("https://example.com"))
        .body("auto_creation.webhook_filters", contains("onParticipantAdded", "onMessageAdded"));
  }

  @Test
  void updates_by_address() {
    create("sms", "+15550000014");

    server
        .api()
        .urlEncodingEnabled(false)
        .formParam("FriendlyName", "By address")
        .post(PATH + "/%2B15550000014")
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("By address"));
  }

  @Test
  void update_rejects_a_bad_retry_count() {
    String sid = create("sms", "+15550000015");

    server
        .api()
        .formParam("AutoCreation.StudioRetryCount", "-1")
        .post(PATH + "/" + sid)
        .then()
        .statusCode(400);
  }

  @Test
  void update_answers_404_for_an_unknown_address() {
    server.api().formParam("FriendlyName", "x").post(PATH + "/nowhere").then().statusCode(404);
  }

  @Test
  void deletes_by_sid() {
    String sid = create("sms", "+15550000016");

    server.api().delete(PATH + "/" + sid).then().statusCode(204);

    server.api().get(PATH + "/" + sid).then().statusCode(404);
  }

  @Test
  void deletes_by_address() {
    String sid = create("email", "gone@example.com");

    server.api().delete(PATH + "/gone@example.com").then().statusCode(204);

    server.api().get(PATH + "/" + sid).then().statusCode(404);
  }

  @Test
  void delete_answers_404_for_an_unknown_address() {
    server.api().delete(PATH + "/IG00000000000000000000000000000000").then().statusCode(404);
  }

  @Test
  void lists_by_type_without_regard_to_case_and_echoes_the_filter() {
    String rcs = create("RCS", "rcs:one");
    create("sms", "+15550000017");

    JsonPath page =
        server.api().get(PATH + "?Type=rcs").then().statusCode(200).extract().jsonPath();

    assertThat(page.getList("address_configurations.sid")).containsExactly(rcs);
    assertThat(page.getString("meta.key")).isEqualTo("address_configurations");
    assertThat(page.getString("meta.url"))
        .isEqualTo(server.baseUrl() + PATH + "?Type=rcs&PageSize=50&Page=0");
  }

  @Test
  void rejects_a_list_type_outside_twilios_enum() {
    server.api().get(PATH + "?Type=fax").then().statusCode(400);
  }

  @Test
  void pages_through_every_address_by_next_page_url() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(create("apple", "apple:" + i));
    }

    List<String> seen = new ArrayList<>();
    String url = server.baseUrl() + PATH + "?Type=apple&PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("address_configurations.sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void caps_the_page_size_at_50() {
    server.api().get(PATH + "?PageSize=51").then().body("meta.page_size", equalTo(50));
  }
}
