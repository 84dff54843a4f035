package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v2.WebChannels;
import com.twilio.security.RequestValidator;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue "Events", done when: a webhook-type chat address hears the visitor's first message as a
 * signed {@code onMessageAdded} within a second of the REST post that asked for webhooks, and a
 * receiver outage loses nothing. Driven end to end with Twilio's unmodified Java library.
 */
class WebChatWebhookScenarioTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
          new DeliverySettings(
              new RetryPolicy(1_000, Duration.ofMillis(10), Duration.ofMillis(100)), null));

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final TwilioRestClient twilio = TwilioClients.of(server);

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  /** A chat address whose auto-created conversations call the receiver's {@code path}. */
  private String webhookAddress(String path) {
    return AddressConfiguration.creator(
            AddressConfiguration.Type.CHAT, "urn:parley:scenario-" + System.nanoTime())
        .setAutoCreationEnabled(true)
        .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
        .setAutoCreationWebhookUrl(receiver.url(path))
        .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
        .setAutoCreationWebhookFilters(List.of("onMessageAdded"))
        .create(twilio)
        .getSid();
  }

  private WebChannels webChat(String address) {
    return WebChannels.creator(address)
        .setChatFriendlyName("Chat with Ann")
        .setCustomerFriendlyName("Ann")
        .setPreEngagementData("{\"friendlyName\":\"Ann\"}")
        .create(twilio);
  }

  private Message say(WebChannels chat, String body) {
    return Message.creator(chat.getConversationSid())
        .setAuthor(chat.getIdentity())
        .setBody(body)
        .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE)
        .create(twilio);
  }

  private static boolean signed(Received call) {
    return new RequestValidator(ParleyServer.AUTH_TOKEN)
        .validate(call.url(), call.params(), call.header("X-Twilio-Signature"));
  }

  private List<String> deliveredBodies(String path, int count) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> receiver.received(path).stream().filter(c -> c.param("Body") != null).toList(),
            calls -> calls.stream().map(c -> c.param("Index")).distinct().count() >= count)
        .stream()
        .map(c -> c.param("Body"))
        .distinct()
        .toList();
  }

  @Test
  void the_visitors_first_message_reaches_the_address_webhook_signed_within_a_second() {
    WebChannels chat = webChat(webhookAddress("/flow"));

    Message first = say(chat, "Hi, I need help with my order");

    List<Received> calls =
        await()
            .atMost(Duration.ofSeconds(1))
            .until(() -> receiver.received("/flow"), c -> !c.isEmpty());
    Received call = calls.get(0);
    assertThat(signed(call)).isTrue();
    assertThat(call.params())
        .containsEntry("EventType", "onMessageAdded")
        .containsEntry("Source", "API")
        .containsEntry("AccountSid", ParleyServer.ACCOUNT_SID)
        .containsEntry("ConversationSid", chat.getConversationSid())
        .containsEntry("MessageSid", first.getSid())
        .containsEntry("Index", "0")
        .containsEntry("Author", chat.getIdentity())
        .containsEntry("Body", "Hi, I need help with my order")
        .containsEntry("RetryCount", "0");
    assertThat(call.header("I-Twilio-Idempotency-Token")).matches("^WD[0-9a-f]{32}$");
  }

  @Test
  void the_address_webhook_hears_the_visitor_join_when_the_web_chat_asks_for_webhooks() {
    String address =
        AddressConfiguration.creator(
                AddressConfiguration.Type.CHAT, "urn:parley:joins-" + System.nanoTime())
            .setAutoCreationEnabled(true)
            .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
            .setAutoCreationWebhookUrl(receiver.url("/joins"))
            .setAutoCreationWebhookFilters(List.of("onParticipantAdded", "onMessageAdded"))
            .create(twilio)
            .getSid();

    var chat =
        server
            .api()
            .header("X-Twilio-Webhook-Enabled", "true")
            .formParam("AddressSid", address)
            .formParam("CustomerFriendlyName", "Ann")
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    Received joined = receiver.awaitEvents("onParticipantAdded", 1).get(0);
    assertThat(joined.path()).isEqualTo("/joins");
    assertThat(joined.param("ConversationSid")).isEqualTo(chat.getString("conversation_sid"));
    assertThat(joined.param("Identity")).isEqualTo(chat.getString("identity"));
  }

  /**
   * The web chat's own events read the conversation's webhooks before its webhook was added (none
   * then); what they read must not be what the visitor's first message, in the next transaction,
   * goes by.
   */
  @Test
  void the_address_webhook_hears_the_first_message_of_a_web_chat_that_asked_for_webhooks() {
    String address = webhookAddress("/asked");
    String conversation =
        server
            .api()
            .header("X-Twilio-Webhook-Enabled", "true")
            .formParam("AddressSid", address)
            .formParam("CustomerFriendlyName", "Ann")
            .post("/v2/WebChats")
            .then()
            .statusCode(201)
            .extract()
            .path("conversation_sid");

    server
        .api()
        .header("X-Twilio-Webhook-Enabled", "true")
        .formParam("Body", "Hello")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);

    assertThat(deliveredBodies("/asked", 1)).containsExactly("Hello");
  }

  @Test
  void a_receiver_that_fails_several_times_gets_every_message_in_order() {
    receiver.answer("/flaky", 500, 503, 502, 429, 500);
    WebChannels chat = webChat(webhookAddress("/flaky"));

    IntStream.range(0, 10).forEach(i -> say(chat, "message " + i));

    assertThat(deliveredBodies("/flaky", 10))
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "message " + i).toList());
    assertThat(receiver.received("/flaky")).allMatch(WebChatWebhookScenarioTest::signed);
  }

  @Test
  void a_receiver_that_is_down_then_back_gets_everything_sent_meanwhile() {
    WebChannels chat = webChat(webhookAddress("/outage"));
    receiver.stopListening();
    IntStream.range(0, 20).forEach(i -> say(chat, "while down " + i));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                server
                    .api()
                    .queryParam("ConversationSid", chat.getConversationSid())
                    .get("/parley/v1/Webhooks/Deliveries")
                    .jsonPath()
                    .getList("deliveries.attempt_count", Integer.class),
            attempts -> attempts.stream().anyMatch(n -> n >= 3));

    receiver.reopen();

    assertThat(deliveredBodies("/outage", 20))
        .containsExactlyElementsOf(
            IntStream.range(0, 20).mapToObj(i -> "while down " + i).toList());
    List<Received> calls = receiver.received("/outage");
    assertThat(calls.stream().map(c -> c.header("I-Twilio-Idempotency-Token")).distinct())
        .hasSize(20);
  }
}
