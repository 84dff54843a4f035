package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigurationApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private String defaultService() {
    return server.api().get("/v1/Configuration").path("default_chat_service_sid");
  }

  @Test
  void fetches_the_account_configuration_with_its_links() {
    String service = defaultService();

    server
        .api()
        .get("/v1/Configuration")
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("default_chat_service_sid", equalTo(service))
        .body("url", equalTo(server.baseUrl() + "/v1/Configuration"))
        .body(
            "links.service",
            equalTo(server.baseUrl() + "/v1/Services/" + service + "/Configuration"))
        .body("links.webhooks", equalTo(server.baseUrl() + "/v1/Configuration/Webhooks"));
  }

  @Test
  void updates_the_timers_and_the_messaging_service() {
    server
        .api()
        .formParam("DefaultMessagingServiceSid", "MG00000000000000000000000000000001")
        .formParam("DefaultInactiveTimer", "PT1M")
        .formParam("DefaultClosedTimer", "PT10M")
        .post("/v1/Configuration")
        .then()
        .statusCode(200)
        .body("default_messaging_service_sid", equalTo("MG00000000000000000000000000000001"))
        .body("default_inactive_timer", equalTo("PT1M"))
        .body("default_closed_timer", equalTo("PT10M"));

    server.api().get("/v1/Configuration").then().body("default_closed_timer", equalTo("PT10M"));
  }

  @Test
  void rejects_an_inactive_timer_under_a_minute() {
    server
        .api()
        .formParam("DefaultInactiveTimer", "PT59S")
        .post("/v1/Configuration")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter DefaultInactiveTimer: must be at least PT1M"));
  }

  @Test
  void rejects_a_closed_timer_under_ten_minutes() {
    server
        .api()
        .formParam("DefaultClosedTimer", "PT9M")
        .post("/v1/Configuration")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter DefaultClosedTimer: must be at least PT10M"));
  }

  @Test
  void rejects_a_timer_that_is_not_an_iso_duration() {
    server
        .api()
        .formParam("DefaultClosedTimer", "10 minutes")
        .post("/v1/Configuration")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void rejects_a_messaging_service_sid_without_the_mg_prefix() {
    server
        .api()
        .formParam("DefaultMessagingServiceSid", "IS00000000000000000000000000000001")
        .post("/v1/Configuration")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter DefaultMessagingServiceSid: must be a MG SID"));
  }

  @Test
  void rejects_a_default_chat_service_the_account_does_not_have() {
    server
        .api()
        .formParam("DefaultChatServiceSid", "IS00000000000000000000000000000009")
        .post("/v1/Configuration")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter DefaultChatServiceSid: IS00000000000000000000000000000009 is"
                    + " not a Conversation Service of this account"));
  }

  @Test
  void moves_the_short_paths_to_a_new_default_chat_service() {
    String original = defaultService();
    String other = server.api().formParam("FriendlyName", "other").post("/v1/Services").path("sid");

    server
        .api()
        .formParam("DefaultChatServiceSid", other)
        .post("/v1/Configuration")
        .then()
        .statusCode(200)
        .body("default_chat_service_sid", equalTo(other));
    String created = server.api().post("/v1/Conversations").path("chat_service_sid");
    server.api().formParam("DefaultChatServiceSid", original).post("/v1/Configuration");

    assertThat(created).isEqualTo(other);
  }

  @Test
  void fetches_the_global_webhooks_as_a_new_account_has_them() {
    server
        .api()
        .get("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("pre_webhook_url", nullValue())
        .body("post_webhook_url", nullValue())
        .body("method", equalTo("POST"))
        .body("filters", empty())
        .body("target", equalTo("webhook"))
        .body("url", equalTo(server.baseUrl() + "/v1/Configuration/Webhooks"));
  }

  @Test
  void updates_the_global_webhooks() {
    server
        .api()
        .formParam("PreWebhookUrl", "https://example.com/pre")
        .formParam("PostWebhookUrl", "http://example.com/post")
        .formParam("Method", "get")
        .formParam("Filters", "onConversationUpdated", "onUserAdded", "onMessageAdd")
        .formParam("Target", "flex")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("pre_webhook_url", equalTo("https://example.com/pre"))
        .body("post_webhook_url", equalTo("http://example.com/post"))
        .body("method", equalTo("GET"))
        .body("filters", contains("onConversationUpdated", "onUserAdded", "onMessageAdd"))
        .body("target", equalTo("flex"));

    server
        .api()
        .formParam("PreWebhookUrl", "")
        .formParam("Target", "webhook")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("pre_webhook_url", nullValue())
        .body("post_webhook_url", equalTo("http://example.com/post"))
        .body("method", equalTo("GET"));

    // Back to a new account's settings, so the other tests see them whatever the order.
    server
        .api()
        .formParam("PostWebhookUrl", "")
        .formParam("Method", "POST")
        .formParam("Filters", "")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200)
        .body("filters", empty());
  }

  @Test
  void rejects_a_webhook_url_that_is_not_absolute() {
    server
        .api()
        .formParam("PostWebhookUrl", "/hooks/post")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid parameter PostWebhookUrl: must be an absolute http or https URL"));
  }

  @Test
  void rejects_a_webhook_url_that_is_not_http() {
    server
        .api()
        .formParam("PreWebhookUrl", "ftp://example.com/pre")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void rejects_an_unknown_filter() {
    server
        .api()
        .formParam("Filters", "onMessageAdded", "onMessageSent")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", startsWith("Invalid parameter Filters: 'onMessageSent' is not one of"));
  }

  @Test
  void rejects_a_method_other_than_get_or_post() {
    server
        .api()
        .formParam("Method", "PUT")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Method: must be one of get, post"));
  }

  @Test
  void rejects_an_unknown_target() {
    server
        .api()
        .formParam("Target", "studio")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Target: must be one of flex, webhook"));
  }
}
