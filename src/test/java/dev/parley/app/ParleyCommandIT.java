package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a new user runs it: {@code ./parley serve} on an empty data
 * directory, then the {@code curl} lines the banner prints, pasted as they are. Runs after {@code
 * package}, so the launcher finds the jar built.
 */
class ParleyCommandIT {
  private static final Path ROOT = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath();
  private Process server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      assertThat(server.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
      server = null;
    }
  }

  @Test
  void serve_prints_a_banner_whose_curl_commands_work() throws Exception {
    Path dataDir = Files.createTempDirectory("parley-it");

    assertCurlsWork(serve(dataDir));
  }

  @Test
  void after_a_restart_the_banner_curl_commands_work_as_pasted() throws Exception {
    Path dataDir = Files.createTempDirectory("parley-it");
    serve(dataDir);
    stop();

    List<String> banner = serve(dataDir);

    assertThat(banner).anyMatch(line -> line.contains("$(./parley token --basic --data-dir "));
    assertCurlsWork(banner);
  }

  @Test
  void serve_starts_on_the_class_archive_while_a_flight_recording_runs() throws Exception {
    Path dataDir = Files.createTempDirectory("parley-it");
    Path recording = dataDir.resolve("start.jfr");

    List<String> banner =
        serve(
            dataDir, Map.of("PARLEY_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + recording));

    assertThat(ROOT.resolve("target/parley.jsa")).as("the class archive ./parley made").exists();
    assertCurlsWork(banner);
  }

  @Test
  void agents_and_token_find_the_running_server_and_its_store_from_another_directory()
      throws Exception {
    Path dataDir = Files.createTempDirectory("parley-it");
    serve(dataDir);
    Path elsewhere = Files.createTempDirectory("parley-it-cwd");

    String agents = run(elsewhere, dataDir, "agents", "list");
    String token = run(elsewhere, dataDir, "token", "--basic");

    assertThat(agents).isEmpty();
    assertThat(token).matches("AC[0-9a-f]{32}:[0-9a-f]{32}\n");
  }

  /**
   * Runs {@code ./parley args…} from {@code cwd} with only {@code PARLEY_DATA_DIR} set, as a user
   * who exported it once would; its standard output, after it exited 0.
   */
  private static String run(Path cwd, Path dataDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("parley").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(false);
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    builder.environment().put("PARLEY_DATA_DIR", dataDir.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit code of %s: %s", command, err).isZero();
    return out;
  }

  /** Runs {@code ./parley serve} on {@code dataDir} with no PARLEY_* variable; its banner. */
  private List<String> serve(Path dataDir) throws IOException {
    return serve(dataDir, Map.of());
  }

  /** Runs {@code ./parley serve} on {@code dataDir} with only the PARLEY_* variables given. */
  private List<String> serve(Path dataDir, Map<String, String> environment) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ROOT.resolve("parley").toString(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    builder.environment().putAll(environment);
    server = builder.start();
    return readBanner(server, Duration.ofSeconds(120));
  }

  /** Pastes each curl line of {@code banner} into bash in the repository directory. */
  private static void assertCurlsWork(List<String> banner) throws Exception {
    List<String> curls =
        banner.stream().map(String::strip).filter(line -> line.startsWith("curl ")).toList();

    assertThat(banner).anyMatch(line -> line.contains("Account SID"));
    assertThat(curls).isNotEmpty();
    for (String curl : curls) {
      ProcessBuilder paste =
          new ProcessBuilder("bash", "-c", curl + " -sS -o /dev/null -w '%{http_code}'")
              .directory(ROOT.toFile());
      paste.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
      Process run = paste.start();
      String status = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(status).as("status of: %s", curl).matches("20[01]");
    }
  }

  private static List<String> readBanner(Process process, Duration timeout) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean started = false;
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      lines.add(line);
      started |= line.startsWith("Parley is serving");
      // The banner ends with a blank line after its last curl.
      if (started
          && line.isEmpty()
          && lines.stream().anyMatch(l -> l.strip().startsWith("curl "))) {
        return lines;
      }
    }
    throw new AssertionError("no complete banner within " + timeout + ": " + lines);
  }
}
