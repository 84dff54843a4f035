package dev.parley.api.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import dev.parley.webhooks.DeliverySettings;
import dev.parley.webhooks.RetryPolicy;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /parley/v1/Webhooks/Deliveries}: history, attempts, replay, isolation. */
class WebhookDeliveriesApiTest {
  private static final String PATH = "/parley/v1/Webhooks/Deliveries";

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)), null));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private JsonPath awaitStatus(String conversation, String status) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> fixtures.deliveries(conversation),
            list -> status.equals(list.getString("deliveries[0].status")));
  }

  private JsonPath fetch(String sid) {
    return server.api().get(PATH + "/" + sid).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void lists_deliveries_newest_first_a_page_at_a_time() {
    String conversation = fixtures.conversationCalling(receiver.url("/paged"), "POST");
    for (int i = 0; i < 3; i++) {
      fixtures.post(conversation, "page " + i);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received("/paged").size() == 3);
    List<String> tokensNewestFirst =
        new ArrayList<>(
            receiver.received("/paged").stream()
                .map(r -> r.header("I-Twilio-Idempotency-Token"))
                .toList());
    java.util.Collections.reverse(tokensNewestFirst);

    JsonPath first =
        server
            .api()
            .queryParam("ConversationSid", conversation)
            .queryParam("PageSize", 2)
            .get(PATH)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath second =
        server
            .api()
            .get(first.getString("meta.next_page_url").replace(server.baseUrl(), ""))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(first.getString("meta.key")).isEqualTo("deliveries");
    assertThat(first.getInt("meta.page_size")).isEqualTo(2);
    List<String> sids = new ArrayList<>(first.getList("deliveries.sid", String.class));
    sids.addAll(second.getList("deliveries.sid", String.class));
    assertThat(sids).containsExactlyElementsOf(tokensNewestFirst);
    assertThat(second.getString("meta.next_page_url")).isNull();
    assertThat(first.getString("deliveries[0].event_type")).isEqualTo("onMessageAdded");
    assertThat(first.getString("deliveries[0].conversation_sid")).isEqualTo(conversation);
    assertThat(first.getString("deliveries[0].target")).isEqualTo("conversation");
    assertThat(first.getString("deliveries[0].webhook_url")).isEqualTo(receiver.url("/paged"));
    assertThat(first.getString("deliveries[0].status")).isEqualTo("delivered");
    assertThat(first.getString("deliveries[0].url"))
        .isEqualTo(server.baseUrl() + PATH + "/" + sids.get(0));
  }

  @Test
  void filters_by_status() {
    receiver.answer("/filtered", 400);
    String conversation = fixtures.conversationCalling(receiver.url("/filtered"), "POST");
    fixtures.post(conversation, "refused");
    fixtures.post(conversation, "accepted");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received("/filtered").size() == 2);

    JsonPath dead =
        server
            .api()
            .queryParam("ConversationSid", conversation)
            .queryParam("Status", "dead")
            .get(PATH)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(dead.getList("deliveries.status")).containsExactly("dead");
    assertThat(dead.getString("meta.url")).contains("Status=dead");
  }

  @Test
  void fetches_a_delivery_with_every_attempt() {
    receiver.answer("/twice", 502);
    String conversation = fixtures.conversationCalling(receiver.url("/twice"), "POST");
    fixtures.post(conversation, "second time lucky");
    String sid = awaitStatus(conversation, "delivered").getString("deliveries[0].sid");

    JsonPath delivery = fetch(sid);

    assertThat(delivery.getString("status")).isEqualTo("delivered");
    assertThat(delivery.getInt("attempt_count")).isEqualTo(2);
    assertThat(delivery.getList("attempts.number", Integer.class)).containsExactly(1, 2);
    assertThat(delivery.getList("attempts.status_code", Integer.class)).containsExactly(502, 200);
    assertThat(delivery.getString("attempts[0].error")).isEqualTo("HTTP 502");
    assertThat(delivery.getString("attempts[1].error")).isNull();
    assertThat(delivery.getInt("attempts[1].latency_ms")).isNotNegative();
    assertThat(delivery.getString("attempts[1].date_created")).endsWith("Z");
    assertThat(delivery.getString("links.replay"))
        .isEqualTo(server.baseUrl() + PATH + "/" + sid + "/Replay");
  }

  @Test
  void replays_a_dead_delivery_until_it_is_delivered() {
    receiver.answer("/outage", 500, 500, 500);
    String conversation = fixtures.conversationCalling(receiver.url("/outage"), "POST");
    fixtures.post(conversation, "after the outage");
    String sid = awaitStatus(conversation, "dead").getString("deliveries[0].sid");

    JsonPath replayed =
        server.api().post(PATH + "/" + sid + "/Replay").then().statusCode(200).extract().jsonPath();

    assertThat(replayed.getString("status")).isEqualTo("pending");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received("/outage").size() == 4);
    Received last = receiver.received("/outage").get(3);
    assertThat(last.params()).containsEntry("RetryCount", "3");
    assertThat(last.header("I-Twilio-Idempotency-Token")).isEqualTo(sid);
    JsonPath delivered = awaitStatus(conversation, "delivered");
    assertThat(delivered.getInt("deliveries[0].attempt_count")).isEqualTo(4);
    assertThat(fetch(sid).getList("attempts.status_code", Integer.class))
        .containsExactly(500, 500, 500, 200);
  }

  @Test
  void refuses_to_replay_a_delivery_that_is_not_dead() {
    String conversation = fixtures.conversationCalling(receiver.url("/fine"), "POST");
    fixtures.post(conversation, "all good");
    String sid = awaitStatus(conversation, "delivered").getString("deliveries[0].sid");

    server
        .api()
        .post(PATH + "/" + sid + "/Replay")
        .then()
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("message", startsWith("Delivery " + sid + " is delivered"));
  }

  @Test
  void another_accounts_delivery_is_not_found() {
    String conversation = fixtures.conversationCalling(receiver.url("/private"), "POST");
    fixtures.post(conversation, "mine");
    String sid = awaitStatus(conversation, "delivered").getString("deliveries[0].sid");
    JsonPath sub =
        server
            .api()
            .formParam("FriendlyName", "other")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    var other = server.as(sub.getString("sid"), sub.getString("auth_token"));

    other.get(PATH + "/" + sid).then().statusCode(404).body("code", equalTo(20404));
    server
        .as(sub.getString("sid"), sub.getString("auth_token"))
        .post(PATH + "/" + sid + "/Replay")
        .then()
        .statusCode(404);
    assertThat(
            server
                .as(sub.getString("sid"), sub.getString("auth_token"))
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("deliveries"))
        .isEmpty();
  }

  @Test
  void needs_the_accounts_credentials() {
    server.anonymous().get(PATH).then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void rejects_an_unknown_status_filter() {
    server
        .api()
        .queryParam("Status", "lost")
        .get(PATH)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void dead_letters_a_studio_delivery_without_a_flow_runner() {
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
        .formParam("Target", "studio")
        .formParam("Configuration.FlowSid", "FW00000000000000000000000000000001")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    fixtures.post(conversation, "hello flow");

    JsonPath delivery = awaitStatus(conversation, "dead");
    assertThat(delivery.getString("deliveries[0].target")).isEqualTo("studio");
    assertThat(delivery.getString("deliveries[0].webhook_sid"))
        .isEqualTo("FW00000000000000000000000000000001");
    assertThat(delivery.getInt("deliveries[0].attempt_count")).isZero();
    assertThat(delivery.getString("deliveries[0].last_error")).contains("PARLEY_STUDIO_URL");
  }
}
