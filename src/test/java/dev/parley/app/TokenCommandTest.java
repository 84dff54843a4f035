package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ./parley token}: the account's SID and auth token, read from the server's store. */
class TokenCommandTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  record Run(int exitCode, String out, String err) {}

  /** Runs {@code ./parley args…} in-process, as the launcher would. */
  static Run parley(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previousOut = System.out;
    int exit;
    try (PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(printOut);
      exit =
          Main.commandLine(args)
              .setExecutionExceptionHandler(
                  (failure, command, parsed) -> {
                    command.getErr().println("parley: " + failure.getMessage());
                    return 1;
                  })
              .setErr(new PrintWriter(printErr, true))
              .execute(args);
    } finally {
      System.setOut(previousOut);
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What {@code ./parley serve} leaves in the data directory for the other commands. */
  static void recordServer(ParleyServer server) {
    Config config =
        new Config(
            "127.0.0.1",
            server.port(),
            server.dataDir(),
            null,
            null,
            null,
            null,
            server.databaseUrl());
    RunningServer.record(config, server.parley());
  }

  @Test
  void prints_the_sid_and_the_token_on_two_labelled_lines() {
    recordServer(server);

    Run run = parley("token", "--data-dir", server.dataDir().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "Account SID  "
                + ParleyServer.ACCOUNT_SID
                + "\nAuth token   "
                + ParleyServer.AUTH_TOKEN
                + "\n");
  }

  @Test
  void basic_prints_sid_colon_token_that_the_api_accepts() {
    recordServer(server);

    Run run = parley("token", "--basic", "--data-dir", server.dataDir().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] credentials = run.out().strip().split(":", 2);
    assertThat(credentials).containsExactly(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);
    server.as(credentials[0], credentials[1]).get("/v1/Conversations").then().statusCode(200);
  }

  @Test
  void says_where_it_looked_when_the_data_dir_holds_no_store_and_creates_nothing()
      throws Exception {
    Path empty = Files.createTempDirectory("parley-no-store");

    Run run = parley("token", "--data-dir", empty.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("no Parley store in " + empty.toAbsolutePath())
        .contains("--data-dir");
    try (var files = Files.list(empty)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void asks_for_the_master_key_when_the_data_dir_has_a_store_but_no_key() throws Exception {
    Path dir = Files.createTempDirectory("parley-no-key");
    Files.createFile(dir.resolve("parley.db"));

    Run run = parley("token", "--data-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("no master key in " + dir.toAbsolutePath())
        .contains("--master-key (env PARLEY_MASTER_KEY)");
    assertThat(dir.resolve("master.key")).doesNotExist();
  }
}
