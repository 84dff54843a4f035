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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a new user runs it: {@code ./parley serve} on an empty data
 * directory, then the {@code curl} lines the banner prints, pasted as they are. Runs after {@code
 * package}, so the launcher finds the jar built.
 */
class ParleyCommandIT {
  private Process server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      assertThat(server.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
    }
  }

  @Test
  void serve_prints_a_banner_whose_curl_commands_work() throws Exception {
    Path dataDir = Files.createTempDirectory("parley-it");
    Path root = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(
                root.resolve("parley").toString(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
    server = builder.start();

    List<String> banner = readBanner(server, Duration.ofSeconds(120));
    List<String> curls =
        banner.stream().map(String::strip).filter(line -> line.startsWith("curl ")).toList();

    assertThat(banner).anyMatch(line -> line.contains("Account SID"));
    assertThat(curls).isNotEmpty();
    for (String curl : curls) {
      Process run =
          new ProcessBuilder("bash", "-c", curl + " -sS -o /dev/null -w '%{http_code}'").start();
      String status = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
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
