package dev.parley.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.app.Parley;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Credentials kept on every node (PostgreSQL): a node that lost its listening connection may have
 * missed a revocation, so once it listens again it reads every credential afresh.
 */
@PostgresqlOnly
class CredentialsTwoNodesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static Parley other;

  @BeforeAll
  static void secondNode() {
    assumeTrue(server.onPostgres(), "two nodes need the PostgreSQL store");
    other = server.startAnotherNode();
  }

  @AfterAll
  static void stopSecondNode() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void a_key_revoked_while_a_node_was_not_listening_stops_working_there_once_it_listens_again()
      throws Exception {
    Credentials key = Credentials.MAIN.key(server);
    assertThat(statusOnOtherNode(key)).isEqualTo(200);
    // Deleted with no revocation sent: what a node whose listening connection was down missed.
    try (Connection db = server.connect();
        PreparedStatement delete = db.prepareStatement("DELETE FROM api_keys WHERE sid = ?")) {
      delete.setString(1, key.user());
      delete.executeUpdate();
    }
    assertThat(statusOnOtherNode(key)).isEqualTo(200);

    try (Connection db = server.connect();
        Statement statement = db.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'parley-broadcasts' AND datname = current_database()");
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> statusOnOtherNode(key), status -> status == 401);
  }

  private static int statusOnOtherNode(Credentials key) {
    return server
        .as(key.user(), key.password())
        .baseUri("http://127.0.0.1:" + other.port())
        .get("/v1/Services")
        .statusCode();
  }
}
