package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.SqliteOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

@SqliteOnly
class MigrationsTest {
  private static final MigrationSet FIXTURE = MigrationSet.at("db/migration/fixture");

  @TempDir Path dir;

  private SQLiteDataSource source() {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve("m.db"));
    return source;
  }

  private static long count(SQLiteDataSource source, String sql) throws Exception {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long files(String location) throws Exception {
    try (var list =
        Files.list(Path.of(MigrationsTest.class.getClassLoader().getResource(location).toURI()))) {
      return list.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
    }
  }

  @Test
  void lists_every_bundled_migration_version_of_the_common_and_the_engine_folder()
      throws Exception {
    long files = files("db/migration/common") + files("db/migration/sqlite");

    assertThat(Migrations.bundled(MigrationSet.SQLITE))
        .hasSize((int) files)
        .contains("1", "2", "5");
  }

  @Test
  void the_builds_index_lists_every_bundled_migration_and_nothing_else() throws Exception {
    List<String> bundled = new java.util.ArrayList<>();
    for (String folder : List.of("common", "sqlite", "postgresql")) {
      try (var list =
          Files.list(
              Path.of(
                  MigrationsTest.class
                      .getClassLoader()
                      .getResource("db/migration/" + folder)
                      .toURI()))) {
        list.map(f -> f.getFileName().toString())
            .filter(name -> name.matches("V.+\\.sql"))
            .forEach(name -> bundled.add("db/migration/" + folder + "/" + name));
      }
    }

    assertThat(Migrations.index()).containsExactlyInAnyOrderElementsOf(bundled);
  }

  @Test
  void migrates_a_new_store_to_every_bundled_version() throws Exception {
    SQLiteDataSource source = source();

    Migrations.apply(source, MigrationSet.SQLITE);

    assertThat(
            count(
                source,
                "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"))
        .isEqualTo(Migrations.bundled(MigrationSet.SQLITE).size());
  }

  @Test
  void applies_a_migration_the_history_lacks() throws Exception {
    SQLiteDataSource source = source();
    Migrations.apply(source, FIXTURE);
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM flyway_schema_history WHERE version = '2'");
      s.execute("ALTER TABLE first DROP COLUMN added");
    }

    Migrations.apply(source, FIXTURE);

    assertThat(
            count(source, "SELECT COUNT(*) FROM pragma_table_info('first') WHERE name = 'added'"))
        .isEqualTo(1);
  }

  @Test
  void does_not_run_flyway_when_every_bundled_version_is_applied() throws Exception {
    SQLiteDataSource source = source();
    Migrations.apply(source, FIXTURE);
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      // Flyway's own validation would refuse this history; skipping Flyway never looks at it.
      s.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
    }

    Migrations.apply(source, FIXTURE);

    assertThat(count(source, "SELECT checksum FROM flyway_schema_history WHERE version = '1'"))
        .isEqualTo(12345);
  }

  /**
   * Up to V12 every migration lived in the engine's own folder; V2–V4, byte-identical on both
   * engines, moved to {@code common/} unchanged. A store migrated from the old single folder must
   * validate and start on the new layout: Flyway's checksum of a versioned migration is over the
   * file's text (before placeholders), not its folder.
   */
  @Test
  void a_store_migrated_from_the_old_single_folder_layout_validates_on_the_new_one()
      throws Exception {
    Path old = dir.resolve("old-layout");
    Files.createDirectories(old);
    for (String location : MigrationSet.SQLITE.locations()) {
      try (var list =
          Files.list(Path.of(getClass().getClassLoader().getResource(location).toURI()))) {
        for (Path file : list.toList()) {
          if (shippedBeforeTheMove(file)) {
            Files.copy(file, old.resolve(file.getFileName()));
          }
        }
      }
    }
    SQLiteDataSource source = source();
    Flyway.configure().dataSource(source).locations("filesystem:" + old).load().migrate();

    MigrationReport report = Migrations.migrate(source, MigrationSet.SQLITE, "old layout");

    // Only what came after the move is applied: V1–V12 validate as they were recorded.
    assertThat(report.applied()).allMatch(line -> version(line) > 12);
    Flyway.configure()
        .dataSource(source)
        .locations(
            MigrationSet.SQLITE.locations().stream()
                .map(l -> "classpath:" + l)
                .toArray(String[]::new))
        .placeholders(MigrationSet.SQLITE.placeholders())
        .load()
        .validate();
  }

  /**
   * The checksums Flyway recorded for V1–V12 on every SQLite store made so far. A shipped migration
   * is history: editing it (even its whitespace) fails every existing store's start.
   */
  @Test
  void shipped_migrations_keep_the_checksums_existing_stores_recorded() throws Exception {
    SQLiteDataSource source = source();
    Migrations.apply(source, MigrationSet.SQLITE);

    Map<String, Integer> recorded = new TreeMap<>();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT version, checksum FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL AND CAST(version AS INTEGER) <= 12")) {
      while (rows.next()) {
        recorded.put(rows.getString(1), rows.getInt(2));
      }
    }

    assertThat(recorded).isEqualTo(SHIPPED_SQLITE_CHECKSUMS);
  }

  @Test
  void both_engines_define_the_same_placeholders() {
    assertThat(MigrationSet.POSTGRESQL.placeholders().keySet())
        .isEqualTo(MigrationSet.SQLITE.placeholders().keySet());
  }

  @Test
  void a_common_migration_with_every_placeholder_runs_on_sqlite() throws Exception {
    SQLiteDataSource source = source();

    Migrations.apply(
        source,
        new MigrationSet(List.of("db/migration/placeholders"), MigrationSet.SQLITE.placeholders()));

    assertThat(placeholderRows(source::getConnection))
        .containsExactly("B 1 false true", "a 2 false true", "b 9007199254740993 false true");
  }

  interface Connections {
    Connection get() throws java.sql.SQLException;
  }

  /** The rows of the placeholder fixture, in the order of their text key. */
  static List<String> placeholderRows(Connections connections) throws Exception {
    List<String> rows = new java.util.ArrayList<>();
    try (Connection c = connections.get();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT item_key, number, off_flag, on_flag FROM placeholder_rows ORDER BY item_key")) {
      while (r.next()) {
        rows.add(
            r.getString(1) + " " + r.getLong(2) + " " + r.getBoolean(3) + " " + r.getBoolean(4));
      }
    }
    return rows;
  }

  /** Flyway's checksums of V1–V12 as released (from the files at ed5fe8a, before the move). */
  static final Map<String, Integer> SHIPPED_SQLITE_CHECKSUMS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("1", 2082786421),
              Map.entry("2", -764761814),
              Map.entry("3", 2098967690),
              Map.entry("4", 723726776),
              Map.entry("5", 621015459),
              Map.entry("6", -1159698262),
              Map.entry("7", 1000909739),
              Map.entry("8", 1327341074),
              Map.entry("9", 1115141470),
              Map.entry("10", 1172463180),
              Map.entry("11", -705474710),
              Map.entry("12", -1065307891)));

  /** V1–V12, the migrations that shipped in one folder per engine. */
  private static boolean shippedBeforeTheMove(Path file) {
    return version(file.getFileName().toString()) <= 12;
  }

  /** The version number a migration's file name or report line starts with ({@code V13 …}). */
  private static int version(String line) {
    return Integer.parseInt(line.replaceFirst("^V?(\\d+).*$", "$1"));
  }
}
