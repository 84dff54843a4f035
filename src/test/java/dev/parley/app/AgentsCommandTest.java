package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ./parley agents}: add, list, update and remove agents of a running server. */
class AgentsCommandTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private record Run(int exitCode, String out, String err) {}

  private static Run agents(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previousOut = System.out;
    InputStream previousIn = System.in;
    int exit;
    try (PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(printOut);
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      List<String> all = new ArrayList<>(List.of("agents"));
      all.addAll(List.of(args));
      all.addAll(
          List.of(
              "--url",
              server.baseUrl(),
              "--account-sid",
              ParleyServer.ACCOUNT_SID,
              "--auth-token",
              ParleyServer.AUTH_TOKEN));
      exit =
          Main.commandLine(all.toArray(String[]::new))
              .setErr(new java.io.PrintWriter(printErr, true))
              .execute(all.toArray(String[]::new));
    } finally {
      System.setOut(previousOut);
      System.setIn(previousIn);
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void adds_an_agent_with_a_password_from_standard_input() {
    Run run = agents("s3cret-password\n", "add", "cli-bob", "--name", "Bob", "--password-stdin");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Added agent cli-bob WK");
    server
        .unchecked()
        .formParam("Identity", "cli-bob")
        .formParam("Password", "s3cret-password")
        .post("/console/login")
        .then()
        .statusCode(200);
  }

  @Test
  void lists_agents_with_identity_name_and_sid() {
    agents("password-123\n", "add", "cli-cat", "--name", "Cat Agent", "--password-stdin");

    Run run = agents("", "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("(?m)^cli-cat\tCat Agent\tWK[0-9a-f]{32}$");
  }

  @Test
  void removes_an_agent() {
    agents("password-123\n", "add", "cli-dan", "--name", "Dan", "--password-stdin");

    Run run = agents("", "remove", "cli-dan");

    assertThat(run.exitCode()).isZero();
    assertThat(agents("", "list").out()).doesNotContain("cli-dan");
  }

  @Test
  void says_what_the_server_refused_and_exits_non_zero() {
    Run run = agents("short\n", "add", "cli-eve", "--name", "Eve", "--password-stdin");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("Invalid parameter Password: must be at least 8 characters (code 20001)");
  }

  @Test
  void finds_the_server_and_its_credentials_through_the_data_dir_without_url_or_token() {
    agents("password-123\n", "add", "cli-fay", "--name", "Fay", "--password-stdin");
    TokenCommandTest.recordServer(server);

    TokenCommandTest.Run run =
        TokenCommandTest.parley("agents", "list", "--data-dir", server.dataDir().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^cli-fay\tFay\tWK[0-9a-f]{32}$");
  }

  @Test
  void says_the_server_has_stopped_when_the_one_started_on_the_data_dir_is_gone() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("parley-stopped");
    new RunningServer("http://localhost:1", "http://localhost:1", Long.MAX_VALUE, null).write(dir);

    TokenCommandTest.Run run =
        TokenCommandTest.parley(
            "agents",
            "list",
            "--data-dir",
            dir.toString(),
            "--account-sid",
            ParleyServer.ACCOUNT_SID,
            "--auth-token",
            ParleyServer.AUTH_TOKEN);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Parley is not running").contains("./parley serve");
  }
}
