package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceConfigurationApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String createService() {
    return server.api().formParam("FriendlyName", "s").post("/v1/Services").path("sid");
  }

  private static String createRole(String service, String type, String permission) {
    return server
        .api()
        .formParam("FriendlyName", "custom")
        .formParam("Type", type)
        .formParam("Permission", permission)
        .post("/v1/Services/" + service + "/Roles")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void fetches_a_services_configuration_with_its_links() {
    String service = createService();
    String url = server.baseUrl() + "/v1/Services/" + service + "/Configuration";

    server
        .api()
        .get("/v1/Services/" + service + "/Configuration")
        .then()
        .statusCode(200)
        .body("chat_service_sid", equalTo(service))
        .body("default_conversation_creator_role_sid", startsWith("RL"))
        .body("default_conversation_role_sid", startsWith("RL"))
        .body("default_chat_service_role_sid", startsWith("RL"))
        .body("reachability_enabled", equalTo(false))
        .body("url", equalTo(url))
        .body("links.notifications", equalTo(url + "/Notifications"))
        .body("links.webhooks", equalTo(url + "/Webhooks"));
  }

  @Test
  void answers_404_for_the_configuration_of_an_unknown_service() {
    server
        .api()
        .get("/v1/Services/IS00000000000000000000000000000000/Configuration")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void sets_the_default_roles_and_reachability() {
    String service = createService();
    String conversationRole = createRole(service, "conversation", "sendMessage");
    String serviceRole = createRole(service, "service", "joinConversation");

    server
        .api()
        .formParam("DefaultConversationCreatorRoleSid", conversationRole)
        .formParam("DefaultConversationRoleSid", conversationRole)
        .formParam("DefaultChatServiceRoleSid", serviceRole)
        .formParam("ReachabilityEnabled", "true")
        .post("/v1/Services/" + service + "/Configuration")
        .then()
        .statusCode(200)
        .body("default_conversation_creator_role_sid", equalTo(conversationRole))
        .body("default_conversation_role_sid", equalTo(conversationRole))
        .body("default_chat_service_role_sid", equalTo(serviceRole))
        .body("reachability_enabled", equalTo(true));

    server
        .api()
        .get("/v1/Services/" + service + "/Configuration")
        .then()
        .body("default_chat_service_role_sid", equalTo(serviceRole));
  }

  @Test
  void rejects_a_default_role_of_another_service() {
    String service = createService();
    String foreign = createRole(createService(), "conversation", "sendMessage");

    server
        .api()
        .formParam("DefaultConversationRoleSid", foreign)
        .post("/v1/Services/" + service + "/Configuration")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter DefaultConversationRoleSid: "
                    + foreign
                    + " is not a role of "
                    + service));
  }

  @Test
  void rejects_a_service_role_as_a_conversation_default() {
    String service = createService();
    String serviceRole = createRole(service, "service", "joinConversation");

    server
        .api()
        .formParam("DefaultConversationCreatorRoleSid", serviceRole)
        .post("/v1/Services/" + service + "/Configuration")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter DefaultConversationCreatorRoleSid: "
                    + serviceRole
                    + " is not a conversation role"));
  }

  @Test
  void rejects_a_role_sid_without_the_rl_prefix() {
    String service = createService();

    server
        .api()
        .formParam("DefaultChatServiceRoleSid", "IS00000000000000000000000000000000")
        .post("/v1/Services/" + service + "/Configuration")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter DefaultChatServiceRoleSid: must be a RL SID"));
  }

  @Test
  void rejects_reachability_that_is_not_a_boolean() {
    String service = createService();

    server
        .api()
        .formParam("ReachabilityEnabled", "yes")
        .post("/v1/Services/" + service + "/Configuration")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter ReachabilityEnabled: must be true or false"));
  }

  @Test
  void answers_nulls_for_webhooks_never_configured() {
    String service = createService();

    // Unchecked: the spec's own example for this (fetchEmpty) answers "method": null, which its
    // schema (a non-nullable enum) rejects. Parley answers as the example does.
    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN)
        .get("/v1/Services/" + service + "/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("chat_service_sid", equalTo(service))
        .body("pre_webhook_url", nullValue())
        .body("post_webhook_url", nullValue())
        .body("filters", nullValue())
        .body("method", nullValue())
        .body(
            "url",
            equalTo(server.baseUrl() + "/v1/Services/" + service + "/Configuration/Webhooks"));
  }

  @Test
  void sets_the_service_webhooks() {
    String service = createService();

    server
        .api()
        .formParam("PreWebhookUrl", "https://www.example.com/pre")
        .formParam("PostWebhookUrl", "https://www.example.com/post")
        .formParam("Filters", "onMessageRemoved", "onParticipantAdded")
        .formParam("Method", "GET")
        .post("/v1/Services/" + service + "/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("pre_webhook_url", equalTo("https://www.example.com/pre"))
        .body("post_webhook_url", equalTo("https://www.example.com/post"))
        .body("filters", contains("onMessageRemoved", "onParticipantAdded"))
        .body("method", equalTo("GET"));
  }

  @Test
  void defaults_the_service_webhook_method_to_post() {
    String service = createService();

    server
        .api()
        .formParam("PostWebhookUrl", "https://www.example.com/post")
        .post("/v1/Services/" + service + "/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("method", equalTo("POST"))
        .body("filters", empty());
  }

  @Test
  void rejects_a_user_event_filter_on_a_service() {
    String service = createService();

    server
        .api()
        .formParam("Filters", "onUserAdded")
        .post("/v1/Services/" + service + "/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", startsWith("Invalid parameter Filters: 'onUserAdded' is not one of"));
  }

  @Test
  void rejects_a_relative_service_webhook_url() {
    String service = createService();

    server
        .api()
        .formParam("PreWebhookUrl", "example.com/pre")
        .post("/v1/Services/" + service + "/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter PreWebhookUrl: must be an absolute http or https URL"));
  }

  @Test
  void answers_notifications_off_until_configured() {
    String service = createService();

    JsonPath body =
        server
            .api()
            .get("/v1/Services/" + service + "/Configuration/Notifications")
            .then()
            .statusCode(200)
            .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
            .body("chat_service_sid", equalTo(service))
            .body("log_enabled", equalTo(false))
            .body("new_message.enabled", equalTo(false))
            .body("new_message.template", nullValue())
            .body("new_message.badge_count_enabled", equalTo(false))
            .body("new_message.with_media.enabled", equalTo(false))
            .body("added_to_conversation.enabled", equalTo(false))
            .body("removed_from_conversation.sound", nullValue())
            .extract()
            .jsonPath();

    assertThat(body.getString("url"))
        .isEqualTo(server.baseUrl() + "/v1/Services/" + service + "/Configuration/Notifications");
  }

  @Test
  void sets_and_keeps_notification_settings() {
    String service = createService();
    String path = "/v1/Services/" + service + "/Configuration/Notifications";

    server
        .api()
        .formParam("LogEnabled", "true")
        .formParam("NewMessage.Enabled", "true")
        .formParam("NewMessage.Template", "New in ${CONVERSATION}: ${MESSAGE}")
        .formParam("NewMessage.Sound", "ring")
        .formParam("NewMessage.BadgeCountEnabled", "true")
        .formParam("NewMessage.WithMedia.Enabled", "true")
        .formParam("NewMessage.WithMedia.Template", "${MEDIA_COUNT} files")
        .formParam("AddedToConversation.Enabled", "true")
        .formParam("AddedToConversation.Template", "Added to ${CONVERSATION}")
        .formParam("AddedToConversation.Sound", "ding")
        .formParam("RemovedFromConversation.Enabled", "true")
        .formParam("RemovedFromConversation.Template", "Removed from ${CONVERSATION}")
        .formParam("RemovedFromConversation.Sound", "dong")
        .post(path)
        .then()
        .statusCode(200)
        .body("log_enabled", equalTo(true))
        .body("new_message.template", equalTo("New in ${CONVERSATION}: ${MESSAGE}"))
        .body("new_message.with_media.template", equalTo("${MEDIA_COUNT} files"))
        .body("added_to_conversation.sound", equalTo("ding"))
        .body("removed_from_conversation.enabled", equalTo(true));

    server
        .api()
        .formParam("NewMessage.Enabled", "false")
        .post(path)
        .then()
        .statusCode(200)
        .body("new_message.enabled", equalTo(false))
        .body("new_message.sound", equalTo("ring"))
        .body("new_message.badge_count_enabled", equalTo(true))
        .body("added_to_conversation.template", equalTo("Added to ${CONVERSATION}"));

    server.api().get(path).then().body("new_message.with_media.enabled", equalTo(true));
  }

  @Test
  void rejects_a_notification_flag_that_is_not_a_boolean() {
    String service = createService();

    server
        .api()
        .formParam("NewMessage.BadgeCountEnabled", "1")
        .post("/v1/Services/" + service + "/Configuration/Notifications")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter NewMessage.BadgeCountEnabled: must be true or false"));
  }
}
