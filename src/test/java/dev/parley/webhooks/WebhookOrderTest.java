package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-conversation order, and conversations that do not wait for one another. */
class WebhookOrderTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(40)), null));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void delivers_a_conversations_messages_in_order_under_concurrent_posts() throws Exception {
    receiver.answer("/ordered", 503, 503);
    String conversation = fixtures.conversationCalling(receiver.url("/ordered"), "POST");
    ExecutorService posters = Executors.newFixedThreadPool(8);

    List<Future<?>> posts =
        IntStream.range(0, 40)
            .mapToObj(i -> posters.submit(() -> fixtures.post(conversation, "message " + i)))
            .<Future<?>>map(f -> f)
            .toList();
    for (Future<?> post : posts) {
      post.get();
    }
    posters.shutdown();

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/ordered").size() >= 42);
    List<String> indices =
        receiver.received("/ordered").stream()
            .map(call -> call.params().get("Index"))
            .distinct()
            .toList();
    assertThat(indices)
        .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(Integer::toString).toList());
  }

  @Test
  void a_hanging_receiver_does_not_hold_up_another_conversation() {
    receiver.hang("/hangs");
    String stuck = fixtures.conversationCalling(receiver.url("/hangs"), "POST");
    String other = fixtures.conversationCalling(receiver.url("/prompt"), "POST");
    fixtures.post(stuck, "first");
    fixtures.post(stuck, "second");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received("/hangs").size() == 1);

    fixtures.post(other, "still flowing");

    await().atMost(Duration.ofSeconds(1)).until(() -> receiver.received("/prompt").size() == 1);
    assertThat(receiver.received("/hangs")).hasSize(1);
    receiver.release("/hangs");
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/hangs").size() >= 2);
  }
}
