package dev.parley.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code ./parley warmup}: starts Parley on a throw-away store, serves one request and stops. The
 * launcher runs it once per build under {@code -XX:ArchiveClassesAtExit} so that later starts load
 * their classes from a CDS archive instead of the jar.
 */
@Command(
    name = "warmup",
    hidden = true,
    description = "Start, serve one request, stop (used to build the class-data archive).")
final class WarmupCommand implements Runnable {
  @Override
  public void run() {
    try {
      Path dataDir = Files.createTempDirectory("parley-warmup");
      try (Parley parley =
          Parley.start(new Config("127.0.0.1", 0, dataDir, null, null, null, null))) {
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(parley.publicUrl() + "/v1/Conversations"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
      } finally {
        try (Stream<Path> files = Files.walk(dataDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("warm-up failed", e);
    }
  }
}
