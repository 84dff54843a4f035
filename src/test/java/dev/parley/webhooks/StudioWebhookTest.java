package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.security.RequestValidator;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code PARLEY_STUDIO_URL} set, a studio address's web chats send each new message to the
 * flow runner at {@code <url>/<FlowSid>}, signed like every webhook.
 */
class StudioWebhookTest {
  private static final String FLOW = "FW00000000000000000000000000000042";
  static final WebhookReceiver runner = new WebhookReceiver();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(new DeliverySettings(RetryPolicy.DEFAULT, runner.url("/flows/")));

  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopRunner() {
    runner.close();
  }

  private String studioWebChat() {
    String address =
        server
            .api()
            .formParam("Type", "chat")
            .formParam("Address", "urn:parley:studio-" + System.nanoTime())
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "studio")
            .formParam("AutoCreation.StudioFlowSid", FLOW)
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    return server
        .api()
        .formParam("AddressSid", address)
        .formParam("ChatFriendlyName", "Chat")
        .formParam("CustomerFriendlyName", "Ann")
        .post("/v2/WebChats")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_sid");
  }

  @Test
  void a_studio_address_sends_each_new_message_to_the_flow_runner() {
    String conversation = studioWebChat();

    fixtures.post(conversation, "Hi flow");

    List<Received> calls =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> runner.received("/flows/" + FLOW), c -> !c.isEmpty());
    Received call = calls.get(0);
    assertThat(call.params())
        .containsEntry("EventType", "onMessageAdded")
        .containsEntry("ConversationSid", conversation)
        .containsEntry("Body", "Hi flow");
    assertThat(
            new RequestValidator(ParleyServer.AUTH_TOKEN)
                .validate(call.url(), call.params(), call.header("X-Twilio-Signature")))
        .isTrue();
  }
}
