package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.FaultyReceiver;
import dev.parley.testing.FaultyReceiver.Fault;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Receivers that misbehave below HTTP (reset, garbage, a trickled answer): each such delivery is
 * retried and at last dead-lettered, and none holds up another conversation, whose deliveries keep
 * arriving. Receivers that hang by the hundred: {@link WebhookHangTest}.
 */
class WebhookFaultsTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)), null));

  static final WebhookReceiver healthy = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    healthy.close();
  }

  /**
   * Posts to a fresh conversation calling the healthy receiver. All must arrive within 3 s: well
   * inside the 5 s a stalled engine would wait for a hanging call, with room for a busy machine.
   */
  private void anotherConversationStillFlows(String path) {
    String other = fixtures.conversationCalling(healthy.url(path), "POST");

    for (int i = 0; i < 5; i++) {
      fixtures.post(other, "still flowing " + i);
    }

    await().atMost(Duration.ofSeconds(3)).until(() -> healthy.received(path).size() == 5);
  }

  private JsonPath awaitFirstDelivery(String conversation, String status, Duration within) {
    return await()
        .atMost(within)
        .until(
            () -> fixtures.deliveries(conversation),
            list -> status.equals(list.getString("deliveries[0].status")));
  }

  @Test
  void a_connection_reset_is_retried_then_dead_lettered() {
    try (FaultyReceiver resets = new FaultyReceiver(Fault.RESET)) {
      String conversation = fixtures.conversationCalling(resets.url("/reset"), "POST");

      fixtures.post(conversation, "hello?");

      JsonPath dead = awaitFirstDelivery(conversation, "dead", Duration.ofSeconds(5));
      assertThat(dead.getInt("deliveries[0].attempt_count")).isEqualTo(3);
      assertThat(dead.getString("deliveries[0].last_error")).startsWith("gave up after 3 attempts");
      assertThat(dead.getObject("deliveries[0].last_status_code", Integer.class)).isNull();
      assertThat(resets.requests()).isEqualTo(3);
    }
  }

  @Test
  void an_answer_that_is_not_http_is_retried_then_dead_lettered() {
    try (FaultyReceiver garbage = new FaultyReceiver(Fault.GARBAGE)) {
      String conversation = fixtures.conversationCalling(garbage.url("/garbage"), "POST");

      fixtures.post(conversation, "hello?");

      JsonPath dead = awaitFirstDelivery(conversation, "dead", Duration.ofSeconds(5));
      assertThat(dead.getInt("deliveries[0].attempt_count")).isEqualTo(3);
      assertThat(garbage.requests()).isEqualTo(3);
    }
  }

  @Test
  void resetting_and_garbage_receivers_do_not_hold_up_another_conversation() {
    try (FaultyReceiver resets = new FaultyReceiver(Fault.RESET);
        FaultyReceiver garbage = new FaultyReceiver(Fault.GARBAGE)) {
      for (int i = 0; i < 10; i++) {
        fixtures.post(fixtures.conversationCalling(resets.url("/r"), "POST"), "reset " + i);
        fixtures.post(fixtures.conversationCalling(garbage.url("/g"), "POST"), "garbage " + i);
      }

      anotherConversationStillFlows("/beside-faults");
    }
  }

  @Test
  void an_answer_trickled_past_five_seconds_is_cut_off_and_retried() {
    try (FaultyReceiver trickles = new FaultyReceiver(Fault.TRICKLE)) {
      String conversation = fixtures.conversationCalling(trickles.url("/slow"), "POST");
      fixtures.post(conversation, "take your time");
      await().atMost(Duration.ofSeconds(2)).until(() -> trickles.requests() == 1);

      anotherConversationStillFlows("/beside-a-trickle");

      await().atMost(Duration.ofSeconds(8)).until(() -> trickles.requests() >= 2);
      JsonPath retrying = fixtures.deliveries(conversation);
      assertThat(retrying.getInt("deliveries[0].attempt_count")).isGreaterThanOrEqualTo(1);
      assertThat(retrying.getString("deliveries[0].last_error")).contains("no answer within 5 s");
    }
  }
}
