package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ./parley migrate} on either store: applies what is pending, says what, and exits. */
class MigrateCommandTest {
  /** The bundled migrations' versions (branches take numbers ahead, so there may be gaps). */
  private static final java.util.List<Integer> BUNDLED = bundledVersions();

  /** The newest bundled migration's version. */
  private static final int LATEST = java.util.Collections.max(BUNDLED);

  private static java.util.List<Integer> bundledVersions() {
    java.util.List<Integer> versions = new ArrayList<>();
    for (String folder : List.of("/db/migration/common", "/db/migration/sqlite")) {
      try (var files = Files.list(Path.of(MigrateCommandTest.class.getResource(folder).toURI()))) {
        files
            .map(f -> f.getFileName().toString())
            .filter(name -> name.matches("V\\d+__.*\\.sql"))
            .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
            .forEach(versions::add);
      } catch (Exception e) {
        throw new IllegalStateException("cannot list the bundled migrations", e);
      }
    }
    return versions;
  }

  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private record Run(int exitCode, String out) {}

  private static Run migrate(String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    PrintStream previous = System.out;
    int exit;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      List<String> all = new ArrayList<>(List.of("migrate"));
      all.addAll(List.of(args));
      exit = Main.commandLine(all.toArray(String[]::new)).execute(all.toArray(String[]::new));
    } finally {
      System.setOut(previous);
    }
    return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void applies_every_migration_to_a_new_embedded_store_and_names_each() throws Exception {
    Path dataDir = Files.createTempDirectory("parley-migrate").resolve("data");

    Run run = migrate("--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Store: SQLite " + dataDir.resolve("parley.db").toAbsolutePath())
        .contains("Applied V1 schema")
        .contains("Applied V" + LATEST + " ")
        .contains("The schema is at version " + LATEST + ".");
    assertThat(migrate("--data-dir", dataDir.toString()).out())
        .contains("Nothing to apply: the schema is at version " + LATEST + ".");
  }

  @Test
  void finds_nothing_to_apply_on_the_store_a_running_node_migrated() throws Exception {
    String[] store =
        server.databaseUrl() == null
            ? new String[] {"--data-dir", server.dataDir().toString()}
            : new String[] {"--database-url", server.databaseUrl()};

    Run run = migrate(store);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Nothing to apply: the schema is at version " + LATEST + ".");
    try (Connection connection = server.connect();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(BUNDLED.size());
    }
  }
}
