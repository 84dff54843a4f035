package dev.parley.api.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v2/WebChats} through the wire: what it creates, and every way it refuses. */
class FlexWebChatsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String UUID =
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

  static String defaultChatAddress() {
    return WebchatFixtures.defaultChatAddress(server);
  }

  static String address(String address, String... autoCreation) {
    RequestSpecification request =
        server.api().formParam("Type", "chat").formParam("Address", address);
    for (int i = 0; i < autoCreation.length; i += 2) {
      request.formParam(autoCreation[i], autoCreation[i + 1]);
    }
    return request.post("/v1/Configuration/Addresses").then().statusCode(201).extract().path("sid");
  }

  private RequestSpecification webChat(String addressSid) {
    return webChat(addressSid, "", "");
  }

  /** The demo app's request, with {@code name} set to {@code value} instead. */
  private RequestSpecification webChat(String addressSid, String name, String value) {
    java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("AddressSid", addressSid);
    form.put("ChatFriendlyName", "Webchat widget");
    form.put("CustomerFriendlyName", "Ann");
    form.put("PreEngagementData", "{\"friendlyName\":\"Ann\",\"email\":\"ann@example.com\"}");
    if (!name.isEmpty()) {
      form.put(name, value);
    }
    return server.api().header("Ui-Version", "1.0.0").formParams(form);
  }

  @Test
  void answers_201_with_exactly_the_conversation_sid_and_identity() {
    webChat(defaultChatAddress())
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .body("$", aMapWithSize(2))
        .body("conversation_sid", matchesPattern("^CH[0-9a-f]{32}$"))
        .body("identity", matchesPattern(UUID));
  }

  @Test
  void creates_the_conversation_with_pre_engagement_data_as_a_json_object() {
    String sid =
        webChat(defaultChatAddress())
            .post("/v2/WebChats")
            .then()
            .extract()
            .path("conversation_sid");

    JsonPath conversation =
        server.api().get("/v1/Conversations/" + sid).then().statusCode(200).extract().jsonPath();
    JsonPath attributes = new JsonPath(conversation.getString("attributes"));

    assertThat(conversation.getString("friendly_name")).isEqualTo("Webchat widget");
    assertThat(conversation.getString("state")).isEqualTo("active");
    assertThat(attributes.getString("pre_engagement_data.email")).isEqualTo("ann@example.com");
    assertThat(attributes.getString("from")).isEqualTo("Ann");
    assertThat(attributes.getString("channel_type")).isEqualTo("web");
  }

  @Test
  void creates_the_user_named_for_the_customer_and_adds_it_as_participant() {
    JsonPath chat = webChat(defaultChatAddress()).post("/v2/WebChats").then().extract().jsonPath();
    String identity = chat.getString("identity");

    server
        .api()
        .get("/v1/Users/" + identity)
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Ann"));
    server
        .api()
        .get("/v1/Conversations/" + chat.getString("conversation_sid") + "/Participants")
        .then()
        .statusCode(200)
        .body("participants.size()", equalTo(1))
        .body("participants[0].identity", equalTo(identity))
        .body("participants[0].messaging_binding", equalTo(null));
  }

  @Test
  void uses_the_identity_it_is_given() {
    webChat(defaultChatAddress())
        .formParam("Identity", "returning-visitor-1")
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .body("identity", equalTo("returning-visitor-1"));
  }

  @Test
  void reuses_an_existing_user_and_gives_it_the_new_name() {
    server
        .api()
        .formParam("Identity", "known-1")
        .formParam("FriendlyName", "Old name")
        .post("/v1/Users")
        .then()
        .statusCode(201);

    webChat(defaultChatAddress())
        .formParam("Identity", "known-1")
        .post("/v2/WebChats")
        .then()
        .statusCode(201);

    server.api().get("/v1/Users/known-1").then().body("friendly_name", equalTo("Ann"));
    server
        .api()
        .get("/v1/Users?PageSize=50")
        .then()
        .body("users.findAll { it.identity == 'known-1' }.size()", equalTo(1));
  }

  @Test
  void attaches_the_webhook_the_address_auto_creation_describes() {
    String addressSid =
        address(
            "urn:parley:webhook-1",
            "AutoCreation.Enabled",
            "true",
            "AutoCreation.Type",
            "webhook",
            "AutoCreation.WebhookUrl",
            "https://bot.example/hook",
            "AutoCreation.WebhookMethod",
            "get",
            "AutoCreation.WebhookFilters",
            "onMessageAdded");

    String sid =
        webChat(addressSid)
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");

    server
        .api()
        .get("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .body("webhooks.size()", equalTo(1))
        .body("webhooks[0].target", equalTo("webhook"))
        .body("webhooks[0].configuration.url", equalTo("https://bot.example/hook"))
        .body("webhooks[0].configuration.method", equalTo("get"))
        .body("webhooks[0].configuration.filters", equalTo(java.util.List.of("onMessageAdded")));
  }

  @Test
  void attaches_a_studio_webhook_for_a_studio_address() {
    String addressSid =
        address(
            "urn:parley:studio-1",
            "AutoCreation.Enabled",
            "true",
            "AutoCreation.Type",
            "studio",
            "AutoCreation.StudioFlowSid",
            "FW00000000000000000000000000000001",
            "AutoCreation.StudioRetryCount",
            "2");

    String sid =
        webChat(addressSid)
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");

    server
        .api()
        .get("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .body("webhooks[0].target", equalTo("studio"))
        .body("webhooks[0].configuration.flow_sid", equalTo("FW00000000000000000000000000000001"));
  }

  @Test
  void counts_the_web_chats_own_webhook_against_the_five_per_conversation() {
    String sid =
        webChat(defaultChatAddress())
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");
    for (int i = 0; i < 4; i++) {
      server
          .api()
          .formParam("Target", "webhook")
          .formParam("Configuration.Url", "https://example.com/hook-" + i)
          .post("/v1/Conversations/" + sid + "/Webhooks")
          .then()
          .statusCode(201);
    }

    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://example.com/sixth")
        .post("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .statusCode(400)
        .body("code", equalTo(50361));
  }

  @Test
  void creates_in_the_service_the_address_names() {
    String service =
        server
            .api()
            .formParam("FriendlyName", "Web chats")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String addressSid =
        address(
            "urn:parley:service-1",
            "AutoCreation.Enabled",
            "true",
            "AutoCreation.Type",
            "default",
            "AutoCreation.ConversationServiceSid",
            service);

    String sid =
        webChat(addressSid)
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");

    server.api().get("/v1/Services/" + service + "/Conversations/" + sid).then().statusCode(200);
    server.api().get("/v1/Conversations/" + sid).then().statusCode(404);
  }

  @Test
  void rejects_pre_engagement_data_over_16_kb() {
    String big = "{\"n\":\"" + "x".repeat(16 * 1024 - 7) + "\"}";

    webChat(defaultChatAddress(), "PreEngagementData", big)
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45731));
  }

  @Test
  void accepts_pre_engagement_data_of_exactly_16_kb() {
    String body = "{\"n\":\"" + "x".repeat(16 * 1024 - 8) + "\"}";

    assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(16 * 1024);

    webChat(defaultChatAddress(), "PreEngagementData", body)
        .post("/v2/WebChats")
        .then()
        .statusCode(201);
  }

  @Test
  void rejects_pre_engagement_data_that_is_not_json() {
    webChat(defaultChatAddress(), "PreEngagementData", "{name: Ann")
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745))
        .body("message", containsString("PreEngagementData"));
  }

  @Test
  void rejects_a_request_without_address_sid() {
    server
        .api()
        .formParam("CustomerFriendlyName", "Ann")
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745));
  }

  @Test
  void rejects_a_service_sid_given_as_address_sid() {
    webChat("IS00000000000000000000000000000001")
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745))
        .body("message", containsString("IS00000000000000000000000000000001 is invalid"));
  }

  @Test
  void answers_45765_for_an_unknown_address() {
    webChat("IG00000000000000000000000000000009")
        .post("/v2/WebChats")
        .then()
        .statusCode(404)
        .body("code", equalTo(45765));
  }

  @Test
  void refuses_an_address_without_auto_creation_and_writes_nothing() {
    String addressSid = address("urn:parley:off-1", "AutoCreation.Enabled", "false");

    webChat(addressSid)
        .formParam("Identity", "never-created-1")
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45761));

    server.api().get("/v1/Users/never-created-1").then().statusCode(404);
  }

  @Test
  void refuses_an_address_that_is_not_a_chat_address() {
    String addressSid =
        server
            .api()
            .formParam("Type", "sms")
            .formParam("Address", "+15005550006")
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "default")
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    webChat(addressSid).post("/v2/WebChats").then().statusCode(400).body("code", equalTo(45745));
  }

  @Test
  void refuses_another_accounts_address() {
    String subaccount =
        server
            .api()
            .formParam("FriendlyName", "Other shop")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String token =
        server
            .api()
            .get("/2010-04-01/Accounts/" + subaccount + ".json")
            .then()
            .extract()
            .path("auth_token");

    server
        .as(subaccount, token)
        .formParam("AddressSid", defaultChatAddress())
        .post("/v2/WebChats")
        .then()
        .statusCode(404)
        .body("code", equalTo(45765));
  }

  @Test
  void refuses_wrong_credentials_with_20003() {
    server
        .as(ParleyServer.ACCOUNT_SID, "wrong")
        .formParam("AddressSid", defaultChatAddress())
        .post("/v2/WebChats")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void rejects_a_customer_name_over_256_characters() {
    webChat(defaultChatAddress(), "CustomerFriendlyName", "n".repeat(257))
        .post("/v2/WebChats")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745));
  }

  @Test
  void grants_cors_to_a_browser_origin() {
    webChat(defaultChatAddress())
        .header("Origin", "https://shop.example")
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .header("Access-Control-Allow-Origin", "*");
  }
}
