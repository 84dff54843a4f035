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
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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

  /**
   * Classes a start on PostgreSQL loads that the warm-up's own start, on SQLite, does not: the
   * driver's, HikariCP's and Parley's PostgreSQL store's. Without them in the archive a PostgreSQL
   * start loaded ~190 classes from the jar, each verified on the way.
   */
  private static final List<String> POSTGRESQL_PACKAGES =
      List.of("org/postgresql/", "com/zaxxer/hikari/", "dev/parley/store/sql/");

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
      preloadPostgresql();
    } catch (Exception e) {
      throw new IllegalStateException("warm-up failed", e);
    }
  }

  /**
   * Loads (without initialising) the jar's classes {@link #archivedForPostgresql} names, so the
   * archive made at exit holds them too; a class whose optional dependency is missing is skipped.
   */
  private static void preloadPostgresql() throws Exception {
    Path jar =
        Path.of(WarmupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(jar)) {
      return; // classes in a directory (tests): there is no archive to fill
    }
    ClassLoader loader = WarmupCommand.class.getClassLoader();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
        if (archivedForPostgresql(entry.getName())) {
          String name = entry.getName();
          try {
            Class.forName(
                name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                false,
                loader);
          } catch (ClassNotFoundException | LinkageError e) {
            // Needs a library Parley does not ship (OSGi, Waffle…): no start loads it either.
          }
        }
      }
    }
  }

  /** Whether the jar entry {@code name} is a class {@link #POSTGRESQL_PACKAGES} holds. */
  static boolean archivedForPostgresql(String name) {
    return name.endsWith(".class")
        && !name.endsWith("module-info.class")
        && POSTGRESQL_PACKAGES.stream().anyMatch(name::startsWith);
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
