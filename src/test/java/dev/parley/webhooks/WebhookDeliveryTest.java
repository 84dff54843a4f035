package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.security.RequestValidator;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook delivery as a receiver sees it: signed calls, retries, dead letters, redirects. */
class WebhookDeliveryTest {
  static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40));

  @RegisterExtension
  static final ParleyServer server = new ParleyServer(new DeliverySettings(FAST, null));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static List<Received> awaitCalls(String path, int count) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.received(path), calls -> calls.size() >= count);
  }

  private static String chatServiceSid(String conversation) {
    return server.api().get("/v1/Conversations/" + conversation).path("chat_service_sid");
  }

  @Test
  void delivers_a_signed_on_message_added_with_the_event_fields() {
    String conversation = fixtures.conversationCalling(receiver.url("/signed"), "POST");

    JsonPath message = fixtures.post(conversation, "Hello there & welcome");

    Received call = awaitCalls("/signed", 1).get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.header("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
    assertThat(call.header("User-Agent")).startsWith("TwilioProxy/");
    assertThat(call.header("I-Twilio-Idempotency-Token")).matches("^WD[0-9a-f]{32}$");
    assertThat(
            new RequestValidator(ParleyServer.AUTH_TOKEN)
                .validate(call.url(), call.params(), call.header("X-Twilio-Signature")))
        .isTrue();
    assertThat(call.params())
        .containsEntry("AccountSid", ParleyServer.ACCOUNT_SID)
        .containsEntry("EventType", "onMessageAdded")
        .containsEntry("Source", "API")
        .containsEntry("ChatServiceSid", chatServiceSid(conversation))
        .containsEntry("ConversationSid", conversation)
        .containsEntry("MessageSid", message.getString("sid"))
        .containsEntry("Index", "0")
        .containsEntry("Body", "Hello there & welcome")
        .containsEntry("Author", "system")
        .containsEntry("Attributes", "{}")
        .containsEntry("RetryCount", "0")
        .containsKey("DateCreated")
        .doesNotContainKey("ClientIdentity");
  }

  @Test
  void sends_the_fields_as_query_parameters_for_get() {
    String conversation = fixtures.conversationCalling(receiver.url("/get?static=1"), "GET");

    fixtures.post(conversation, "by query");

    Received call = awaitCalls("/get", 1).get(0);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.url()).startsWith(receiver.url("/get?static=1&"));
    assertThat(call.params())
        .containsEntry("static", "1")
        .containsEntry("Body", "by query")
        .containsEntry("EventType", "onMessageAdded");
    assertThat(
            new RequestValidator(ParleyServer.AUTH_TOKEN)
                .validate(call.url(), Map.of(), call.header("X-Twilio-Signature")))
        .isTrue();
  }

  @Test
  void retries_with_a_rising_retry_count_and_the_same_idempotency_token() {
    receiver.answer("/flaky", 500, 503, 429);
    String conversation = fixtures.conversationCalling(receiver.url("/flaky"), "POST");

    fixtures.post(conversation, "again");

    List<Received> calls = awaitCalls("/flaky", 4);
    assertThat(calls)
        .extracting(c -> c.params().get("RetryCount"))
        .containsExactly("0", "1", "2", "3");
    assertThat(calls)
        .extracting(c -> c.header("I-Twilio-Idempotency-Token"))
        .containsOnly(calls.get(0).header("I-Twilio-Idempotency-Token"));
    RequestValidator validator = new RequestValidator(ParleyServer.AUTH_TOKEN);
    assertThat(calls)
        .allMatch(c -> validator.validate(c.url(), c.params(), c.header("X-Twilio-Signature")));
  }

  @Test
  void gives_up_after_the_last_attempt() {
    receiver.answer("/down", 500, 500, 500, 500, 500);
    String conversation = fixtures.conversationCalling(receiver.url("/down"), "POST");

    fixtures.post(conversation, "into the void");

    awaitCalls("/down", 4);
    JsonPath delivery =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> fixtures.deliveries(conversation),
                list -> "dead".equals(list.getString("deliveries[0].status")));
    assertThat(delivery.getInt("deliveries[0].attempt_count")).isEqualTo(4);
    assertThat(delivery.getString("deliveries[0].last_error"))
        .isEqualTo("gave up after 4 attempts; last: HTTP 500");
    assertThat(receiver.received("/down")).hasSize(4);
  }

  @Test
  void does_not_retry_a_client_error() {
    receiver.answer("/gone", 404);
    String conversation = fixtures.conversationCalling(receiver.url("/gone"), "POST");

    fixtures.post(conversation, "nobody home");

    JsonPath delivery =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> fixtures.deliveries(conversation),
                list -> "dead".equals(list.getString("deliveries[0].status")));
    assertThat(delivery.getInt("deliveries[0].last_status_code")).isEqualTo(404);
    assertThat(delivery.getString("deliveries[0].last_error")).isEqualTo("HTTP 404");
    assertThat(receiver.received("/gone")).hasSize(1);
  }

  @Test
  void does_not_follow_a_redirect() {
    receiver.answer("/moved-away", 301);
    String conversation = fixtures.conversationCalling(receiver.url("/moved-away"), "POST");

    fixtures.post(conversation, "where did you go");

    JsonPath delivery =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> fixtures.deliveries(conversation),
                list -> "dead".equals(list.getString("deliveries[0].status")));
    assertThat(delivery.getString("deliveries[0].last_error"))
        .isEqualTo("redirect to " + receiver.url("/moved") + " not followed");
    assertThat(receiver.received("/moved-away")).hasSize(1);
    assertThat(receiver.received("/moved")).isEmpty();
  }
}
