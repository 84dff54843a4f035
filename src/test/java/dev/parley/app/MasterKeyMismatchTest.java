package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second node on the same PostgreSQL database but another master key cannot open the secrets the
 * first sealed: it must not start, and must say how to share the first node's key.
 */
@PostgresqlOnly
class MasterKeyMismatchTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @TempDir Path otherDataDir;

  @Test
  void a_node_with_another_master_key_refuses_to_start_and_says_to_share_the_first_nodes()
      throws Exception {
    assumeTrue(server.onPostgres(), "only nodes on PostgreSQL share a store");
    Config second = secondNode(randomKey());

    assertThatThrownBy(() -> Parley.start(second).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "the stored secrets were sealed under another master key than this node's (from"
                + " PARLEY_MASTER_KEY)")
        .hasMessageContaining("every node on one database needs the same master key")
        .hasMessageContaining("<data-dir>/master.key")
        .hasMessageContaining("as PARLEY_MASTER_KEY (or --master-key) on every node")
        .hasRootCauseInstanceOf(AEADBadTagException.class);
  }

  @Test
  void a_node_that_generated_its_own_key_names_that_file() {
    assumeTrue(server.onPostgres(), "only nodes on PostgreSQL share a store");
    Config second = secondNode(null);

    assertThatThrownBy(() -> Parley.start(second).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(from " + otherDataDir.resolve("master.key") + ")");
  }

  @Test
  void a_node_given_the_first_nodes_key_starts() throws Exception {
    assumeTrue(server.onPostgres(), "only nodes on PostgreSQL share a store");
    String firstKey = Files.readString(server.dataDir().resolve("master.key")).trim();

    try (Parley second = Parley.start(secondNode(firstKey))) {
      server.unchecked().baseUri(second.publicUrl()).get("/healthz").then().statusCode(200);
    }
  }

  private Config secondNode(String masterKey) {
    return new Config(
        "127.0.0.1", 0, otherDataDir, null, null, null, masterKey, server.databaseUrl());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
