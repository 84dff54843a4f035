package dev.parley.api.studio;

import static dev.parley.api.studio.StudioFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Configuration.ReplayAfter} on a conversation's studio webhook: the flow runs on the
 * messages already there from that index on, oldest first (the first starts it, the next answer
 * it); without it, only messages posted after the webhook count.
 */
class ReplayAfterTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final StudioFixtures fixtures = new StudioFixtures(server);

  /** A conversation with visitor {@code ann} who already wrote {@code bodies}: its SID. */
  private String conversationWith(String... bodies) {
    String conversation =
        server
            .api()
            .formParam("FriendlyName", "replay")
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    server
        .api()
        .formParam("Identity", "ann")
        .post("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(201);
    for (String body : bodies) {
      say(conversation, body);
    }
    return conversation;
  }

  private void say(String conversation, String body) {
    server
        .api()
        .formParam("Author", "ann")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);
  }

  private RequestSpecification studioWebhook(String flow) {
    return server.api().formParam("Target", "studio").formParam("Configuration.FlowSid", flow);
  }

  private List<String> bodies(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .extract()
        .jsonPath()
        .getList("messages.body", String.class);
  }

  private List<String> statuses(String flow) {
    return server
        .api()
        .get("/v2/Flows/" + flow + "/Executions")
        .then()
        .extract()
        .jsonPath()
        .getList("executions.status", String.class);
  }

  @Test
  void the_flow_runs_on_the_messages_from_the_replay_index_on() {
    String flow = fixtures.flow("published", chat(3600));
    String conversation = conversationWith("before", "hello", "sales");

    studioWebhook(flow)
        .formParam("Configuration.ReplayAfter", "1")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201)
        .body("configuration.replay_after", equalTo(1))
        .body("configuration.flow_sid", equalTo(flow));

    assertThat(bodies(conversation))
        .containsExactly("before", "hello", "sales", "Hi ann, sales or support?", "Sales it is.");
    String execution =
        server
            .api()
            .get("/v2/Flows/" + flow + "/Executions")
            .then()
            .extract()
            .path("executions[0].sid");
    assertThat(
            server
                .api()
                .get("/v2/Flows/" + flow + "/Executions/" + execution + "/Context")
                .then()
                .extract()
                .jsonPath()
                .getString("context.trigger.conversation.Body"))
        .isEqualTo("hello");
    assertThat(statuses(flow)).containsExactly("ended");
  }

  @Test
  void replay_from_zero_starts_on_the_first_message() {
    String flow = fixtures.flow("published", chat(3600));
    String conversation = conversationWith("hi");

    studioWebhook(flow)
        .formParam("Configuration.ReplayAfter", "0")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    assertThat(bodies(conversation)).containsExactly("hi", "Hi ann, sales or support?");
    assertThat(statuses(flow)).containsExactly("active");
  }

  @Test
  void without_replay_after_earlier_messages_start_nothing() {
    String flow = fixtures.flow("published", chat(3600));
    String conversation = conversationWith("before");

    studioWebhook(flow)
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    assertThat(statuses(flow)).isEmpty();
    say(conversation, "now");
    assertThat(bodies(conversation)).containsExactly("before", "now", "Hi ann, sales or support?");
  }

  @Test
  void a_replay_index_past_the_last_message_replays_nothing() {
    String flow = fixtures.flow("published", chat(3600));
    String conversation = conversationWith("one", "two");

    studioWebhook(flow)
        .formParam("Configuration.ReplayAfter", "5")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    assertThat(statuses(flow)).isEmpty();
  }

  @Test
  void messages_with_no_participant_are_not_replayed() {
    String flow = fixtures.flow("published", chat(3600));
    String conversation = conversationWith();
    server
        .api()
        .formParam("Body", "a notice")
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201);

    studioWebhook(flow)
        .formParam("Configuration.ReplayAfter", "0")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    assertThat(statuses(flow)).isEmpty();
  }

  @Test
  void another_accounts_flow_is_not_replayed_to() {
    String theirs =
        StudioFixtures.create(fixtures.otherAccount().get(), "Theirs", "published", chat(3600))
            .getString("sid");
    String conversation = conversationWith("hello");

    studioWebhook(theirs)
        .formParam("Configuration.ReplayAfter", "0")
        .post("/v1/Conversations/" + conversation + "/Webhooks")
        .then()
        .statusCode(201);

    assertThat(bodies(conversation)).containsExactly("hello");
  }
}
