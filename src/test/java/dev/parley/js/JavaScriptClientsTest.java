package dev.parley.js;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.ParleyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the Node test suite in {@code src/test/js} (Twilio's unmodified npm {@code twilio} and
 * {@code @twilio/conversations}) against a real Parley: one node process per {@code *.test.mjs}
 * file, each of its tests reported as a JUnit test of its own. Node's spec output goes to this
 * test's output file and, when anything fails, into the failure message. {@code
 * -Dparley.js.only=conversations-sdk.test.mjs} (a comma-separated list) runs only those files.
 */
class JavaScriptClientsTest {
  // Host mode too: twilio-hosts.test.mjs reaches it as Twilio's hostnames (docs/twilio-hosts.md).
  @RegisterExtension static final ParleyServer server = new ParleyServer().withTwilioHosts();

  private static final Path SUITE = Path.of("src", "test", "js").toAbsolutePath();
  private static final Duration FILE_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final boolean POSTGRESQL_RUN =
      "postgresql".equals(System.getProperty("parley.test.store"));

  @TestFactory
  Stream<DynamicNode> each_javascript_test_passes_against_parley() throws IOException {
    if (!Files.isDirectory(SUITE.resolve("node_modules"))) {
      fail("no " + SUITE.resolve("node_modules") + ": run mvn generate-test-resources (npm ci)");
    }
    try (Stream<Path> files = Files.list(SUITE)) {
      List<String> names =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".test.mjs"))
              .filter(JavaScriptClientsTest::selected)
              .filter(name -> !POSTGRESQL_RUN || !drivesABrowser(name))
              .sorted()
              .toList();
      // flatMap defers each node run until JUnit reaches that file's container.
      return names.stream()
          .map(name -> dynamicContainer(name, Stream.of(name).flatMap(n -> run(n).stream())));
    }
  }

  /**
   * {@code -Dparley.js.only=widget.test.mjs,console.test.mjs} runs only those files; empty or
   * absent runs them all.
   */
  private static boolean selected(String file) {
    String only = System.getProperty("parley.js.only", "").trim();
    return only.isEmpty() || Stream.of(only.split(",")).map(String::trim).anyMatch(file::equals);
  }

  /**
   * A file that drives Chromium runs on the embedded store only: what it proves is the page (the
   * widget, the console, the SDK in a browser); the stores beneath are proven by the Node files and
   * the Java tests on both, and the browser files are the slowest of the suite.
   */
  private static boolean drivesABrowser(String file) {
    try {
      return Files.readString(SUITE.resolve(file)).contains("./support/browser.mjs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of {@code support/junit-events.mjs}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Result(String name, String outcome, String reason, String error) {}

  private static List<DynamicNode> run(String file) {
    Path events = tempFile(file);
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                "--test",
                "--test-force-exit",
                "--test-timeout=180000",
                "--test-reporter=spec",
                "--test-reporter-destination=stdout",
                "--test-reporter=./support/junit-events.mjs",
                "--test-reporter-destination=" + events));
    // -Dparley.js.pattern=REGEX runs only the tests whose name matches (node --test-name-pattern).
    String pattern = System.getProperty("parley.js.pattern", "").trim();
    if (!pattern.isEmpty()) {
      command.add("--test-name-pattern=" + pattern);
    }
    command.add(file);
    ProcessBuilder builder = new ProcessBuilder(command).directory(SUITE.toFile());
    builder.redirectErrorStream(true);
    builder.environment().put("PARLEY_URL", server.baseUrl());
    builder.environment().put("PARLEY_ACCOUNT_SID", ParleyServer.ACCOUNT_SID);
    builder.environment().put("PARLEY_AUTH_TOKEN", ParleyServer.AUTH_TOKEN);
    builder.environment().put("NO_COLOR", "1");
    // What ./parley trust tells a Node user to set; the port stands in for 443.
    builder.environment().put("NODE_EXTRA_CA_CERTS", server.twilioHostsCa().toString());
    builder.environment().put("PARLEY_TWILIO_HOSTS_PORT", String.valueOf(server.twilioHostsPort()));

    StringBuilder output = new StringBuilder();
    int exit = execute(builder, output);

    List<Result> results = results(events);
    List<DynamicNode> tests = new ArrayList<>();
    for (Result result : results) {
      tests.add(dynamicTest(result.name(), () -> report(file, result, output)));
    }
    if (results.isEmpty()) {
      tests.add(dynamicTest("runs a test", () -> failWith(file + ": no test ran", output)));
    }
    if (exit != 0 && results.stream().noneMatch(r -> r.outcome().equals("failed"))) {
      tests.add(
          dynamicTest("node exits 0", () -> failWith(file + ": node exited " + exit, output)));
    }
    return tests;
  }

  private static void report(String file, Result result, CharSequence output) {
    switch (result.outcome()) {
      case "passed" -> {}
      case "skipped" ->
          abort(result.error() == null ? result.reason() : result.reason() + "\n" + result.error());
      default -> failWith(file + ": " + result.name() + "\n" + result.error(), output);
    }
  }

  private static void failWith(String message, CharSequence output) {
    // Parley's own log is in this test class's surefire output file, between the node lines.
    fail(message + "\n--- node output ---\n" + output + "--- end of node output ---");
  }

  /**
   * Runs node to the end or the timeout (killing its whole tree), copying its output as it goes.
   */
  private static int execute(ProcessBuilder builder, StringBuilder output) {
    try {
      Process process = builder.start();
      Thread reader = new Thread(() -> copy(process, output), "node-output");
      reader.setDaemon(true);
      reader.start();
      if (!process.waitFor(FILE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.join(5_000);
        synchronized (output) {
          output.append("[killed after ").append(FILE_TIMEOUT).append("]\n");
        }
        return -1;
      }
      reader.join(5_000);
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node (is Node 20+ on the PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Process process, StringBuilder output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println("[node] " + line);
        synchronized (output) {
          output.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // The process was killed; what was read is in the output.
    }
  }

  private static List<Result> results(Path events) {
    try {
      List<Result> results = new ArrayList<>();
      for (String line : Files.readAllLines(events)) {
        if (!line.isBlank()) {
          results.add(JSON.readValue(line, Result.class));
        }
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempFile(String file) {
    try {
      Path path = Files.createTempFile("parley-js-" + file, ".jsonl");
      path.toFile().deleteOnExit();
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
