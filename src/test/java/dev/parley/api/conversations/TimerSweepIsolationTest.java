package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One conversation whose timer cannot fire holds back no other conversation's. */
class TimerSweepIsolationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void a_timer_that_fails_to_fire_is_skipped_and_backed_off_while_the_others_fire()
      throws Exception {
    String poison = create();
    String first = create();
    String second = create();
    poisonWebhooks(poison);

    server.clock().advance(Duration.ofMinutes(2));

    awaitState(first, "inactive");
    awaitState(second, "inactive");
    assertThat(state(poison)).isEqualTo("active");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(dateInactive(poison)).isAfter(server.clock().instant()));
  }

  private static String create() {
    return server
        .api()
        .formParam("State", "active")
        .formParam("Timers.Inactive", "PT1M")
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static void awaitState(String sid, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                server.api().get("/v1/Conversations/" + sid).then().body("state", equalTo(state)));
  }

  /**
   * A conversation-scoped webhook whose stored filters are not JSON (a row no API writes): planning
   * the webhooks of the conversation's state change throws.
   */
  private static void poisonWebhooks(String sid) throws SQLException {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "http://127.0.0.1:9/hook")
        .formParam("Configuration.Filters", "onConversationStateUpdated")
        .post("/v1/Conversations/" + sid + "/Webhooks")
        .then()
        .statusCode(201);
    try (Connection connection = server.connect();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE conversation_webhooks SET filters = 'not json' WHERE conversation_sid = ?")) {
      update.setString(1, sid);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static String state(String sid) throws SQLException {
    return column(sid, "state");
  }

  private static Instant dateInactive(String sid) throws SQLException {
    try (Connection connection = server.connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT date_inactive FROM conversations WHERE sid = ?")) {
      select.setString(1, sid);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        Object value = rows.getObject(1);
        if (value instanceof Timestamp timestamp) {
          return timestamp.toInstant();
        }
        if (value instanceof Number millis) {
          return Instant.ofEpochMilli(millis.longValue());
        }
        return value == null ? Instant.EPOCH : Instant.parse(value.toString());
      }
    }
  }

  private static String column(String sid, String name) throws SQLException {
    try (Connection connection = server.connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT " + name + " FROM conversations WHERE sid = ?")) {
      select.setString(1, sid);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }
}
