package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class MigrationsTest {
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

  @Test
  void lists_every_bundled_migration_version() throws Exception {
    long files;
    try (var list =
        Files.list(
            Path.of(getClass().getClassLoader().getResource("db/migration/sqlite").toURI()))) {
      files = list.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
    }

    assertThat(Migrations.bundled("db/migration/sqlite")).hasSize((int) files).contains("1");
  }

  @Test
  void migrates_a_new_store_to_every_bundled_version() throws Exception {
    SQLiteDataSource source = source();

    Migrations.apply(source, "db/migration/sqlite");

    assertThat(
            count(
                source,
                "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"))
        .isEqualTo(Migrations.bundled("db/migration/sqlite").size());
  }

  @Test
  void applies_a_migration_the_history_lacks() throws Exception {
    SQLiteDataSource source = source();
    Migrations.apply(source, "db/migration/fixture");
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM flyway_schema_history WHERE version = '2'");
      s.execute("ALTER TABLE first DROP COLUMN added");
    }

    Migrations.apply(source, "db/migration/fixture");

    assertThat(
            count(source, "SELECT COUNT(*) FROM pragma_table_info('first') WHERE name = 'added'"))
        .isEqualTo(1);
  }

  @Test
  void does_not_run_flyway_when_every_bundled_version_is_applied() throws Exception {
    SQLiteDataSource source = source();
    Migrations.apply(source, "db/migration/fixture");
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      // Flyway's own validation would refuse this history; skipping Flyway never looks at it.
      s.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
    }

    Migrations.apply(source, "db/migration/fixture");

    assertThat(count(source, "SELECT checksum FROM flyway_schema_history WHERE version = '1'"))
        .isEqualTo(12345);
  }
}
