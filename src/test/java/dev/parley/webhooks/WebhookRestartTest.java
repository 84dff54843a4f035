package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A backlog built up while the receiver is down survives a server restart, in order. */
class WebhookRestartTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(1000, Duration.ofMillis(10), Duration.ofMillis(100)), null));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void delivers_the_whole_backlog_after_a_restart() {
    List<String> conversations =
        IntStream.range(0, 3)
            .mapToObj(i -> fixtures.conversationCalling(receiver.url("/backlog/" + i), "POST"))
            .toList();
    receiver.stopListening();
    for (int n = 0; n < 10; n++) {
      for (String conversation : conversations) {
        fixtures.post(conversation, "while down " + n);
      }
    }

    server.restart();
    receiver.reopen();

    for (int i = 0; i < 3; i++) {
      String path = "/backlog/" + i;
      List<Received> calls =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> receiver.received(path),
                  received ->
                      received.stream().map(r -> r.params().get("Index")).distinct().count() == 10);
      assertThat(calls.stream().map(c -> c.params().get("Index")).distinct().toList())
          .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(Integer::toString).toList());
      assertThat(calls.stream().map(c -> c.header("I-Twilio-Idempotency-Token")).distinct())
          .hasSize(10);
    }
  }
}
