package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.FaultyReceiver;
import dev.parley.testing.FaultyReceiver.Fault;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A delivery that cannot even be started is dead-lettered on its own; the others keep flowing. */
class WebhookIsolationTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(15, Duration.ofMillis(2000), Duration.ofMillis(4000)), null));

  static final WebhookReceiver healthy = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    healthy.close();
  }

  @Test
  void a_delivery_whose_event_cannot_be_read_is_dead_lettered_and_others_still_arrive()
      throws Exception {
    try (FaultyReceiver resets = new FaultyReceiver(Fault.RESET)) {
      String poison = fixtures.conversationCalling(resets.url("/reset"), "POST");
      fixtures.post(poison, "first attempt is reset, then its event row is corrupted");
      await().atMost(Duration.ofSeconds(5)).until(() -> resets.requests() >= 1);
      corruptEvents(poison);

      JsonPath dead =
          await()
              .atMost(Duration.ofSeconds(15))
              .until(
                  () -> fixtures.deliveries(poison),
                  list -> "dead".equals(list.getString("deliveries[0].status")));

      assertThat(dead.getString("deliveries[0].last_error")).startsWith("could not be sent");
      String other = fixtures.conversationCalling(healthy.url("/other"), "POST");
      for (int i = 0; i < 3; i++) {
        fixtures.post(other, "still flowing " + i);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> healthy.received("/other").size() == 3);
    }
  }

  /** Event rows no API writes: their form fields are not JSON. */
  private static void corruptEvents(String conversation) throws Exception {
    try (Connection connection = server.connect();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE events SET params = 'not json' WHERE conversation_sid = ?")) {
      update.setString(1, conversation);
      assertThat(update.executeUpdate()).isPositive();
    }
  }
}
