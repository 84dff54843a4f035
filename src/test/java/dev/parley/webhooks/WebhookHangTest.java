package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.FaultyReceiver;
import dev.parley.testing.FaultyReceiver.Fault;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiver that hangs, called by more conversations than its origin's share of the engine's
 * calls: it holds that share and no more, the other lanes to it wait, and every other
 * conversation's deliveries keep arriving. A call here may hang for {@link #CALL_TIMEOUT}, longer
 * than the test takes, so none is cut off while it counts: how many hang at once then depends on
 * the engine's limit alone, not on how fast a busy machine starts the calls (with Twilio's 5 s, at
 * load 22 the first were cut off before the last had started, and only 62 of 64 ever hung at once).
 */
class WebhookHangTest {
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
                  new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)), null)
              .withCallTimeout(CALL_TIMEOUT));

  static final WebhookReceiver healthy = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    healthy.close();
  }

  @Test
  void a_hanging_receiver_holds_its_origins_share_of_the_calls_and_no_more() {
    int share = DeliveryEngine.MAX_IN_FLIGHT_PER_ORIGIN;
    try (FaultyReceiver hangs = new FaultyReceiver(Fault.HANG)) {
      List<String> stuck =
          IntStream.range(0, share + 16)
              .mapToObj(i -> fixtures.conversationCalling(hangs.url("/hangs"), "POST"))
              .toList();
      stuck.forEach(conversation -> fixtures.post(conversation, "anyone?"));
      await().atMost(Duration.ofMinutes(1)).until(() -> hangs.requests() >= share);

      // Meanwhile another conversation's deliveries arrive: far inside the minutes a stalled
      // engine would wait for a hanging call.
      String other = fixtures.conversationCalling(healthy.url("/beside-the-hang"), "POST");
      for (int i = 0; i < 5; i++) {
        fixtures.post(other, "still flowing " + i);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> healthy.received("/beside-the-hang").size() == 5);

      // Nothing was cut off, so the 16 lanes past the share are still waiting for a call.
      assertThat(hangs.mostHeldAtOnce()).isEqualTo(share);
      assertThat(hangs.requests()).isEqualTo(share);
      // So hanging receivers, however many lanes point at them, leave most of the engine's
      // calls to everyone else.
      assertThat(share).isLessThan(DeliveryEngine.MAX_IN_FLIGHT);
    }
  }
}
