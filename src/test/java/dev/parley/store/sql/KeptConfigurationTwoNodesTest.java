package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.app.Parley;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import dev.parley.testing.WebhookReceiver;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configuration rows kept on every node (PostgreSQL): a change made through one node is what a web
 * chat made through the other uses, as soon as the change's notification has arrived.
 */
@PostgresqlOnly
class KeptConfigurationTwoNodesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final Duration NOTIFICATION = Duration.ofSeconds(5);

  private static Parley other;

  @BeforeAll
  static void secondNode() {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    other = server.startAnotherNode();
  }

  @AfterAll
  static void stopSecondNode() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void a_web_chat_on_one_node_uses_the_webhook_url_the_other_node_just_set_on_its_address() {
    String address = webhookAddress("kept-webhook", "http://127.0.0.1:9/one");
    assertThat(webhookUrlOf(webChatOnOtherNode(address))).isEqualTo("http://127.0.0.1:9/one");

    server
        .api()
        .formParam("AutoCreation.WebhookUrl", "http://127.0.0.1:9/two")
        .post("/v1/Configuration/Addresses/" + address)
        .then()
        .statusCode(200);

    await()
        .atMost(NOTIFICATION)
        .until(() -> webhookUrlOf(webChatOnOtherNode(address)), "http://127.0.0.1:9/two"::equals);
  }

  @Test
  void a_web_chat_on_one_node_is_made_in_the_default_service_the_other_node_just_set() {
    String address = plainAddress("kept-default-service");
    String before = serviceOf(webChatOnOtherNode(address));
    String service =
        server
            .api()
            .formParam("FriendlyName", "second")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");

    setDefaultService(service);

    try {
      await()
          .atMost(NOTIFICATION)
          .until(() -> serviceOf(webChatOnOtherNode(address)), service::equals);
    } finally {
      setDefaultService(before);
    }
  }

  @Test
  void a_service_deleted_through_one_node_is_404_on_the_other() {
    String service =
        server
            .api()
            .formParam("FriendlyName", "doomed")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    otherNode().get("/v1/Services/" + service + "/Conversations").then().statusCode(200);

    server.api().delete("/v1/Services/" + service).then().statusCode(204);

    await()
        .atMost(NOTIFICATION)
        .until(
            () -> otherNode().get("/v1/Services/" + service + "/Conversations").statusCode(),
            status -> status == 404);
  }

  @Test
  void an_address_deleted_through_one_node_is_404_for_a_web_chat_on_the_other() {
    String address = plainAddress("kept-deleted");
    webChatOnOtherNode(address);

    server.api().delete("/v1/Configuration/Addresses/" + address).then().statusCode(204);

    await()
        .atMost(NOTIFICATION)
        .until(() -> webChat(otherNode(), address).statusCode(), status -> status == 404);
  }

  @Test
  void
      a_webhook_added_to_a_conversation_through_one_node_hears_messages_posted_through_the_other() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String conversation = webChatOnOtherNode(plainAddress("kept-conversation-webhooks"));
      postOnOtherNode(conversation, "read its webhooks");

      server
          .api()
          .formParam("Target", "webhook")
          .formParam("Configuration.Url", receiver.url("/added"))
          .formParam("Configuration.Filters", "onMessageAdded")
          .post("/v1/Conversations/" + conversation + "/Webhooks")
          .then()
          .statusCode(201);

      await()
          .atMost(NOTIFICATION)
          .until(
              () -> {
                postOnOtherNode(conversation, "after");
                return !receiver.received("/added").isEmpty();
              });
    }
  }

  private static void postOnOtherNode(String conversation, String body) {
    otherNode()
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("Body", body)
        .formParam("Author", "ann")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  /** A chat address whose conversations get no webhook of their own (Flex's default routing). */
  private static String plainAddress(String name) {
    return server
        .api()
        .formParam("Type", "chat")
        .formParam("Address", name)
        .formParam("AutoCreation.Enabled", "true")
        .formParam("AutoCreation.Type", "default")
        .post("/v1/Configuration/Addresses")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static String webhookAddress(String name, String url) {
    return server
        .api()
        .formParam("Type", "chat")
        .formParam("Address", name)
        .formParam("AutoCreation.Enabled", "true")
        .formParam("AutoCreation.Type", "webhook")
        .formParam("AutoCreation.WebhookUrl", url)
        .post("/v1/Configuration/Addresses")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static void setDefaultService(String service) {
    server
        .api()
        .formParam("DefaultChatServiceSid", service)
        .post("/v1/Configuration")
        .then()
        .statusCode(200);
  }

  private static RequestSpecification otherNode() {
    return server.api().baseUri("http://127.0.0.1:" + other.port());
  }

  private static io.restassured.response.Response webChat(
      RequestSpecification node, String address) {
    return node.formParam("AddressSid", address)
        .formParam("CustomerFriendlyName", "Ann")
        .header("Ui-Version", "1.0.0")
        .post("/v2/WebChats");
  }

  /** The conversation a web chat made through the other node. */
  private static String webChatOnOtherNode(String address) {
    return webChat(otherNode(), address).then().statusCode(201).extract().path("conversation_sid");
  }

  private static String webhookUrlOf(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(200)
        .extract()
        .path("webhooks[0].configuration.url");
  }

  private static String serviceOf(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation)
        .then()
        .statusCode(200)
        .extract()
        .path("chat_service_sid");
  }
}
