package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL, transactions that record events take turns on what the events are of (an advisory
 * lock per conversation or user, {@code PostgresStore}): a transaction holding a turn, here one
 * opened over JDBC, holds up the changes of that user only.
 */
@PostgresqlOnly
class EventTurnsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @BeforeAll
  static void onPostgres() {
    assumeTrue(server.onPostgres(), "turns are taken on PostgreSQL only");
  }

  @Test
  void a_users_change_waits_for_the_transaction_holding_that_users_turn() throws Exception {
    String user = createUser("turn-held");
    try (Connection holder = holding(user)) {
      CompletableFuture<Integer> update = async(() -> rename(user, "Renamed"));

      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !update.isDone());
      holder.commit();

      assertThat(update.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
  }

  @Test
  void a_web_chat_waits_for_no_other_users_turn_nor_one_of_the_whole_account() throws Exception {
    String other = createUser("turn-other");
    try (Connection holder = holding(other, ParleyServer.ACCOUNT_SID)) {
      CompletableFuture<Integer> held = async(() -> rename(other, "Held"));
      CompletableFuture<Integer> webChat = async(EventTurnsTest::webChat);

      assertThat(webChat.get(10, TimeUnit.SECONDS)).isEqualTo(201);
      assertThat(held).isNotDone();
      holder.rollback();
      assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
  }

  /** A JDBC transaction, left open, that holds the turns of {@code keys}. */
  private static Connection holding(String... keys) throws SQLException {
    Connection connection = server.connect();
    connection.setAutoCommit(false);
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      for (String key : keys) {
        lock.setString(1, key);
        lock.executeQuery().close();
      }
    }
    return connection;
  }

  private static <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call);
  }

  private static String createUser(String identity) {
    return server
        .api()
        .formParam("Identity", identity)
        .post("/v1/Users")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static int rename(String userSid, String friendlyName) {
    return server
        .api()
        .formParam("FriendlyName", friendlyName)
        .post("/v1/Users/" + userSid)
        .statusCode();
  }

  private static int webChat() {
    String address = new ConversationFixtures(server).defaultChatAddress();
    return server
        .api()
        .formParam("AddressSid", address)
        .formParam("ChatFriendlyName", "Webchat widget")
        .formParam("CustomerFriendlyName", "Ann")
        .post("/v2/WebChats")
        .statusCode();
  }
}
