package dev.parley.testing;

import io.restassured.path.json.JsonPath;

/** Arrange steps for webhook tests: conversations with a scoped webhook, messages that fire it. */
public final class WebhookFixtures {
  private final ParleyServer server;

  public WebhookFixtures(ParleyServer server) {
    this.server = server;
  }

  /** A new conversation whose scoped webhook sends onMessageAdded to {@code url}. */
  public String conversationCalling(String url, String method) {
    String conversation =
        server
            .api()
            .contentType("application/x-www-form-urlencoded")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    server
        .api()
        .contentType("application/x-www-form-urlencoded")
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", url)
        .formParam("Configuration.Method", method)
        .formParam("Configuration.Filters", "onMessageAdded")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);
    return conversation;
  }

  /** Posts a message with {@code X-Twilio-Webhook-Enabled: true}; returns the message. */
  public JsonPath post(String conversation, String body) {
    return server
        .api()
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** The account's deliveries of {@code conversation}, newest first (first page). */
  public JsonPath deliveries(String conversation) {
    return server
        .api()
        .queryParam("ConversationSid", conversation)
        .get("/parley/v1/Webhooks/Deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
