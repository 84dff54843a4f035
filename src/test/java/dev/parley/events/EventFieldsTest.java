package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every post-action event carries exactly the fields Twilio documents for it
 * (https://www.twilio.com/docs/conversations/conversations-webhooks), observed at a global webhook
 * that listens to all of them.
 */
class EventFieldsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  private static final String MESSAGING_SERVICE = "MG00000000000000000000000000000001";
  private static final Set<String> COMMON =
      Set.of("AccountSid", "EventType", "Source", "ChatServiceSid", "RetryCount");
  private static final List<String> ALL_EVENTS =
      List.of(
          "onConversationAdded",
          "onConversationUpdated",
          "onConversationRemoved",
          "onConversationStateUpdated",
          "onParticipantAdded",
          "onParticipantUpdated",
          "onParticipantRemoved",
          "onMessageAdded",
          "onMessageUpdated",
          "onMessageRemoved",
          "onUserAdded",
          "onUserUpdated");

  @BeforeEach
  void listen_to_every_event() {
    var request =
        server
            .api()
            .formParam("PostWebhookUrl", receiver.url("/events"))
            .formParam("Method", "POST")
            .formParam("Target", "webhook");
    ALL_EVENTS.forEach(e -> request.formParam("Filters", e));
    request.post("/v1/Configuration/Webhooks").then().statusCode(200);
  }

  /** A REST request that asks for webhooks. */
  private static RequestSpecification loud() {
    return server.api().header("X-Twilio-Webhook-Enabled", "true");
  }

  private static String conversation() {
    return loud()
        .formParam("FriendlyName", "Support")
        .formParam("UniqueName", "support-" + System.nanoTime())
        .formParam("Attributes", "{\"topic\":\"billing\"}")
        .formParam("MessagingServiceSid", MESSAGING_SERVICE)
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static String participant(String conversation, String identity) {
    return loud()
        .formParam("Identity", identity)
        .formParam("Attributes", "{\"vip\":true}")
        .post("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static String message(String conversation, String author) {
    return loud()
        .formParam("Author", author)
        .formParam("Body", "hello")
        .formParam("Attributes", "{\"k\":1}")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private Received only(String eventType) {
    return receiver.awaitEvents(eventType, 1).get(0);
  }

  private static void assertFields(Received request, String... own) {
    Set<String> expected = new java.util.HashSet<>(COMMON);
    expected.addAll(Set.of(own));
    assertThat(request.params().keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void conversation_added_carries_the_conversation() {
    String sid = conversation();

    Received added = only("onConversationAdded");

    assertFields(
        added,
        "ConversationSid",
        "DateCreated",
        "DateUpdated",
        "FriendlyName",
        "UniqueName",
        "Attributes",
        "MessagingServiceSid",
        "State");
    assertThat(added.param("ConversationSid")).isEqualTo(sid);
    assertThat(added.param("AccountSid")).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(added.param("Source")).isEqualTo("API");
    assertThat(added.param("RetryCount")).isEqualTo("0");
    assertThat(added.param("State")).isEqualTo("active");
    assertThat(added.param("Attributes")).isEqualTo("{\"topic\":\"billing\"}");
    assertThat(added.param("DateCreated"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void conversation_updated_carries_the_new_values() {
    String sid = conversation();

    loud()
        .formParam("FriendlyName", "Renamed")
        .post("/v1/Conversations/" + sid)
        .then()
        .statusCode(200);

    Received updated = only("onConversationUpdated");
    assertFields(
        updated,
        "ConversationSid",
        "DateCreated",
        "DateUpdated",
        "FriendlyName",
        "UniqueName",
        "Attributes",
        "MessagingServiceSid",
        "State");
    assertThat(updated.param("FriendlyName")).isEqualTo("Renamed");
  }

  @Test
  void a_state_change_by_the_api_fires_state_updated_with_reason_api() {
    String sid = conversation();

    loud().formParam("State", "inactive").post("/v1/Conversations/" + sid).then().statusCode(200);

    Received state = only("onConversationStateUpdated");
    assertFields(
        state,
        "ConversationSid",
        "StateUpdated",
        "StateFrom",
        "StateTo",
        "Reason",
        "MessagingServiceSid");
    assertThat(state.param("StateFrom")).isEqualTo("active");
    assertThat(state.param("StateTo")).isEqualTo("inactive");
    assertThat(state.param("Reason")).isEqualTo("API");
  }

  @Test
  void conversation_removed_says_when() {
    String sid = conversation();

    loud().delete("/v1/Conversations/" + sid).then().statusCode(204);

    Received removed = only("onConversationRemoved");
    assertFields(
        removed,
        "ConversationSid",
        "DateCreated",
        "DateUpdated",
        "DateRemoved",
        "FriendlyName",
        "UniqueName",
        "Attributes",
        "MessagingServiceSid",
        "State");
    assertThat(removed.param("ConversationSid")).isEqualTo(sid);
  }

  @Test
  void participant_added_carries_the_chat_participant() {
    String conversation = conversation();

    String sid = participant(conversation, "alice");

    Received added = only("onParticipantAdded");
    assertFields(
        added,
        "ConversationSid",
        "ParticipantSid",
        "DateCreated",
        "Identity",
        "RoleSid",
        "Attributes");
    assertThat(added.param("ParticipantSid")).isEqualTo(sid);
    assertThat(added.param("Identity")).isEqualTo("alice");
    assertThat(added.param("RoleSid")).startsWith("RL");
  }

  @Test
  void participant_added_by_address_carries_its_messaging_binding() {
    String conversation = conversation();

    loud()
        .formParam("MessagingBinding.Address", "+15550001111")
        .formParam("MessagingBinding.ProxyAddress", "+15550002222")
        .post("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(201);

    Received added = only("onParticipantAdded");
    assertFields(
        added,
        "ConversationSid",
        "ParticipantSid",
        "DateCreated",
        "RoleSid",
        "Attributes",
        "MessagingBinding.Address",
        "MessagingBinding.ProxyAddress",
        "MessagingBinding.Type");
    assertThat(added.param("MessagingBinding.Type")).isEqualTo("SMS");
  }

  @Test
  void participant_updated_carries_the_read_horizon() {
    String conversation = conversation();
    String sid = participant(conversation, "bob");

    loud()
        .formParam("LastReadMessageIndex", "4")
        .post("/v1/Conversations/" + conversation + "/Participants/" + sid)
        .then()
        .statusCode(200);

    Received updated = only("onParticipantUpdated");
    assertFields(
        updated,
        "ConversationSid",
        "ParticipantSid",
        "DateCreated",
        "DateUpdated",
        "Identity",
        "RoleSid",
        "Attributes",
        "LastReadMessageIndex");
    assertThat(updated.param("LastReadMessageIndex")).isEqualTo("4");
  }

  @Test
  void participant_removed_says_when() {
    String conversation = conversation();
    String sid = participant(conversation, "carol");

    loud()
        .delete("/v1/Conversations/" + conversation + "/Participants/" + sid)
        .then()
        .statusCode(204);

    Received removed = only("onParticipantRemoved");
    assertFields(
        removed,
        "ConversationSid",
        "ParticipantSid",
        "DateCreated",
        "DateUpdated",
        "DateRemoved",
        "Identity",
        "RoleSid",
        "Attributes");
  }

  @Test
  void message_added_carries_the_message_and_its_index() {
    String conversation = conversation();
    String author = participant(conversation, "dave");

    String sid = message(conversation, "dave");

    Received added = only("onMessageAdded");
    assertFields(
        added,
        "ConversationSid",
        "MessageSid",
        "MessagingServiceSid",
        "Index",
        "DateCreated",
        "Body",
        "Author",
        "ParticipantSid",
        "Attributes");
    assertThat(added.param("MessageSid")).isEqualTo(sid);
    assertThat(added.param("Index")).isEqualTo("0");
    assertThat(added.param("ParticipantSid")).isEqualTo(author);
    assertThat(added.param("Body")).isEqualTo("hello");
  }

  @Test
  void message_updated_carries_the_edit() {
    String conversation = conversation();
    String sid = message(conversation, "erin");

    loud()
        .formParam("Body", "edited")
        .post("/v1/Conversations/" + conversation + "/Messages/" + sid)
        .then()
        .statusCode(200);

    Received updated = only("onMessageUpdated");
    assertFields(
        updated,
        "ConversationSid",
        "MessageSid",
        "Index",
        "DateCreated",
        "DateUpdated",
        "Body",
        "Author",
        "Attributes");
    assertThat(updated.param("Body")).isEqualTo("edited");
  }

  @Test
  void message_removed_says_when() {
    String conversation = conversation();
    String sid = message(conversation, "frank");

    loud().delete("/v1/Conversations/" + conversation + "/Messages/" + sid).then().statusCode(204);

    Received removed = only("onMessageRemoved");
    assertFields(
        removed,
        "ConversationSid",
        "MessageSid",
        "Index",
        "DateCreated",
        "DateRemoved",
        "Body",
        "Author",
        "Attributes");
  }

  @Test
  void user_added_and_updated_carry_the_user() {
    String sid =
        loud()
            .formParam("Identity", "grace")
            .formParam("FriendlyName", "Grace")
            .post("/v1/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    loud().formParam("FriendlyName", "Grace H.").post("/v1/Users/" + sid).then().statusCode(200);

    Received added = only("onUserAdded");
    Received updated = only("onUserUpdated");

    assertFields(
        added, "UserSid", "DateCreated", "Identity", "RoleSid", "Attributes", "FriendlyName");
    assertFields(
        updated,
        "UserSid",
        "DateCreated",
        "DateUpdated",
        "Identity",
        "RoleSid",
        "Attributes",
        "FriendlyName");
    assertThat(updated.param("FriendlyName")).isEqualTo("Grace H.");
  }
}
