package dev.parley.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a store's schema up to date with Flyway. Flyway's own "nothing to do" check costs about
 * 150 ms of every start, so it runs only when the schema history lacks a bundled migration: the
 * common case costs one query.
 */
final class Migrations {
  static final String INDEX = "db/migration/index.txt";
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

  private Migrations() {}

  /** Whether Flyway ran (some migration was missing). */
  static boolean apply(DataSource dataSource, MigrationSet migrations) {
    if (applied(dataSource).containsAll(bundled(migrations))) {
      return false;
    }
    flyway(dataSource, migrations).migrate();
    return true;
  }

  private static Flyway flyway(DataSource dataSource, MigrationSet migrations) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(
            migrations.locations().stream().map(l -> "classpath:" + l).toArray(String[]::new))
        .placeholders(migrations.placeholders())
        .load();
  }

  /**
   * Runs Flyway whatever the history says (for {@code ./parley migrate}): applies what is pending
   * and reports it. On PostgreSQL Flyway holds an advisory lock meanwhile, so nodes that migrate at
   * once take turns.
   */
  static MigrationReport migrate(DataSource dataSource, MigrationSet migrations, String where) {
    MigrateResult result = flyway(dataSource, migrations).migrate();
    List<String> applied =
        result.migrations.stream()
            .map(m -> "V" + m.version + " " + m.description + " (" + m.executionTime + " ms)")
            .toList();
    String version =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    return new MigrationReport(where, applied, version);
  }

  /** Versions of the migrations shipped for {@code migrations}, as Flyway records them. */
  static Set<String> bundled(MigrationSet migrations) {
    Set<String> versions = new HashSet<>();
    migrations.locations().forEach(location -> versions.addAll(bundled(location)));
    return versions;
  }

  /** Versions of the migrations shipped in the classpath folder {@code location}. */
  private static Set<String> bundled(String location) {
    URL url = Migrations.class.getClassLoader().getResource(location);
    if (url == null) {
      throw new IllegalStateException("no migrations at classpath:" + location);
    }
    Set<String> versions = new HashSet<>();
    try {
      if (url.getProtocol().equals("jar")) {
        String folder = location + "/";
        List<String> index = index();
        if (index != null) {
          index.stream()
              .filter(name -> name.startsWith(folder))
              .forEach(name -> add(versions, name.substring(folder.length())));
        } else {
          JarURLConnection jar = (JarURLConnection) url.openConnection();
          jar.getJarFile().stream()
              .map(entry -> entry.getName())
              .filter(name -> name.startsWith(folder))
              .forEach(name -> add(versions, name.substring(folder.length())));
        }
      } else {
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
          files.forEach(file -> add(versions, file.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list migrations at " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return versions;
  }

  /**
   * The paths of the bundled migrations as the build listed them (pom.xml, "migration-index"), or
   * null without that list. In the jar, finding them otherwise means walking its 22,000 entries: a
   * tenth of a start's main thread.
   */
  static List<String> index() throws IOException {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .toList();
    }
  }

  private static void add(Set<String> versions, String fileName) {
    Matcher matcher = VERSIONED.matcher(fileName);
    if (matcher.matches()) {
      versions.add(matcher.group(1).replace('_', '.'));
    }
  }

  /** Versions the store's history records as applied; empty for a new store. */
  private static Set<String> applied(DataSource dataSource) {
    Set<String> versions = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success = true"
                    + " AND version IS NOT NULL")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    } catch (SQLException e) {
      // No history table yet: a new store, which Flyway will create.
      versions.clear();
    }
    return versions;
  }
}
