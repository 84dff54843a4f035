package dev.parley.api.conversations;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conversation timers move conversations to inactive and closed on time, and survive restarts. */
class ConversationTimersTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private String create(String... timers) {
    var request = server.api().formParam("State", "active");
    for (int i = 0; i < timers.length; i += 2) {
      request.formParam(timers[i], timers[i + 1]);
    }
    return request.post("/v1/Conversations").then().statusCode(201).extract().path("sid");
  }

  private void awaitState(String sid, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                server.api().get("/v1/Conversations/" + sid).then().body("state", equalTo(state)));
  }

  @Test
  void an_active_conversation_becomes_inactive_when_its_inactive_timer_is_due() {
    String sid = create("Timers.Inactive", "PT1M");

    server.clock().advance(Duration.ofSeconds(61));

    awaitState(sid, "inactive");
    server.api().get("/v1/Conversations/" + sid).then().body("timers.date_inactive", nullValue());
  }

  @Test
  void a_conversation_closes_when_its_closed_timer_is_due() {
    String sid = create("Timers.Inactive", "PT5M", "Timers.Closed", "PT10M");

    server.clock().advance(Duration.ofMinutes(11));

    awaitState(sid, "closed");
    server
        .api()
        .formParam("FriendlyName", "x")
        .post("/v1/Conversations/" + sid)
        .then()
        .statusCode(400);
  }

  @Test
  void a_new_message_rearms_the_inactive_timer() {
    String sid = create("Timers.Inactive", "PT2M");
    server.clock().advance(Duration.ofSeconds(90));
    server
        .api()
        .formParam("Body", "still here")
        .post("/v1/Conversations/" + sid + "/Messages")
        .then()
        .statusCode(201);
    // Without activity this one is due at the same time as the first would have been.
    String idle = create("Timers.Inactive", "PT1M");

    server.clock().advance(Duration.ofSeconds(61));

    awaitState(idle, "inactive");
    server
        .api()
        .get("/v1/Conversations/" + sid)
        .then()
        .body("state", equalTo("active"))
        .body("timers.date_inactive", notNullValue());
  }

  @Test
  void timers_survive_a_restart() {
    String sid = create("Timers.Inactive", "PT3M");

    server.restart();
    server.clock().advance(Duration.ofMinutes(4));

    awaitState(sid, "inactive");
  }
}
