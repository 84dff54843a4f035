package dev.parley.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code ./parley warmup}: starts Parley on a throw-away store, makes a web chat the way a client
 * would, reads it back, and stops. The launcher runs it once per build under {@code
 * -XX:ArchiveClassesAtExit} so that later starts load the classes of that whole path from a CDS
 * archive instead of the jar.
 */
@Command(
    name = "warmup",
    hidden = true,
    description =
        "Serve a few typical requests on a throw-away store (builds the class-data archive).")
final class WarmupCommand implements Runnable {
  private static final Pattern ADDRESS = Pattern.compile("\"sid\":\"(IG[0-9a-f]{32})\"");

  @Override
  public void run() {
    try {
      Path dataDir = Files.createTempDirectory("parley-warmup");
      try (Parley parley =
          Parley.start(new Config("127.0.0.1", 0, dataDir, null, null, null, null, null))) {
        exercise(parley);
      } finally {
        try (Stream<Path> files = Files.walk(dataDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("warm-up failed", e);
    }
  }

  private static void exercise(Parley parley) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (parley.bootstrappedAccountSid() + ":" + parley.generatedAuthToken())
                        .getBytes(StandardCharsets.UTF_8));
    String base = parley.publicUrl();
    String addresses = get(client, auth, base + "/v1/Configuration/Addresses?Type=chat");
    Matcher address = ADDRESS.matcher(addresses);
    if (address.find()) {
      client.send(
          HttpRequest.newBuilder(URI.create(base + "/v2/WebChats"))
              .header("Authorization", auth)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "AddressSid="
                          + address.group(1)
                          + "&CustomerFriendlyName=Warm&PreEngagementData=%7B%7D"))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    get(client, auth, base + "/v1/Configuration");
    get(client, auth, base + "/v1/Conversations");
    get(client, "Basic bm9ib2R5Om5vdGhpbmc=", base + "/v1/Conversations");
  }

  private static String get(HttpClient client, String auth, String url) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
