package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Both engines' schemas after every migration agree: the same tables, columns (name, type family,
 * nullability, whether there is a default or a generated key), primary keys, unique constraints and
 * indexes. Read from SQLite's {@code pragma_*} tables and PostgreSQL's {@code information_schema}
 * and {@code pg_index}; each schema is written as sorted lines and the lines of one that the other
 * lacks are the differences.
 */
@PostgresqlOnly
class SchemaParityTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  /**
   * Differences that are meant, each with its reason. A line starts with the engine that has it.
   * Sequences (PostgreSQL's identity columns) and WITHOUT ROWID (SQLite's storage of the Sync
   * tables, V12) are not part of what is compared, so they need no entry.
   */
  private static final String CHUNKS =
      "media bytes live in PostgreSQL, for every node to serve (V14); the embedded store keeps"
          + " them as files in <data-dir>/media";

  private static final String UNIQUE_NAME =
      "PostgreSQL indexes only the conversations that have a unique name (V24: its b-tree took an"
          + " entry for every web chat's NULL); SQLite keeps the table's UNIQUE constraint, which"
          + " it could drop only by rebuilding the table";

  private static final Map<String, String> KNOWN_DIFFERENCES =
      Map.of(
          "sqlite table conversations unique (service_sid,unique_name)",
          UNIQUE_NAME,
          "postgresql table conversations unique index conversations_unique_name"
              + " (service_sid,unique_name) partial",
          UNIQUE_NAME,
          "postgresql table media_chunks column data blob not null value none",
          CHUNKS,
          "postgresql table media_chunks column media_sid text not null value none",
          CHUNKS,
          "postgresql table media_chunks column n integer not null value none",
          CHUNKS,
          "postgresql table media_chunks primary key (media_sid,n)",
          CHUNKS);

  @TempDir Path dir;

  @Test
  void both_engines_have_the_same_schema_after_every_migration() throws Exception {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parity.db"));
    Migrations.apply(sqlite, MigrationSet.SQLITE);
    TreeSet<String> embedded;
    try (Connection c = sqlite.getConnection()) {
      embedded = sqliteSchema(c);
    }
    TreeSet<String> postgres;
    try (Connection c = postgres()) {
      postgres = postgresSchema(c);
    }

    List<String> differences = new ArrayList<>();
    embedded.stream()
        .filter(l -> !postgres.contains(l))
        .forEach(l -> differences.add("sqlite " + l));
    postgres.stream()
        .filter(l -> !embedded.contains(l))
        .forEach(l -> differences.add("postgresql " + l));

    assertThat(embedded).isNotEmpty();
    assertThat(differences).containsExactlyInAnyOrderElementsOf(KNOWN_DIFFERENCES.keySet());
  }

  /** PostgreSQL's side of {@code MigrationsTest}'s old-layout test, in a schema of its own. */
  @Test
  void a_database_migrated_from_the_old_single_folder_layout_validates_on_the_new_one()
      throws Exception {
    Path old = dir.resolve("old-layout");
    Files.createDirectories(old);
    for (String location : MigrationSet.POSTGRESQL.locations()) {
      try (var list =
          Files.list(Path.of(getClass().getClassLoader().getResource(location).toURI()))) {
        for (Path file : list.toList()) {
          if (shippedBeforeTheMove(file)) {
            Files.copy(file, old.resolve(file.getFileName()));
          }
        }
      }
    }
    PGSimpleDataSource source = schema("old_layout");
    Flyway.configure().dataSource(source).locations("filesystem:" + old).load().migrate();

    MigrationReport report = Migrations.migrate(source, MigrationSet.POSTGRESQL, "old layout");

    // Only what came after the move is applied: V1–V12 validate as they were recorded.
    assertThat(report.applied()).allMatch(line -> version(line) > 12);
    Map<String, Integer> recorded = new TreeMap<>();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT version, checksum FROM old_layout.flyway_schema_history"
                    + " WHERE version IS NOT NULL AND CAST(version AS INTEGER) <= 12")) {
      while (rows.next()) {
        recorded.put(rows.getString(1), rows.getInt(2));
      }
    }
    assertThat(recorded).isEqualTo(SHIPPED_POSTGRESQL_CHECKSUMS);
  }

  /**
   * A common/ migration using every placeholder gives both engines the same table, and text keys
   * sort alike (byte order: {@code ${key_text}} is COLLATE "C" here, SQLite's BINARY there).
   */
  @Test
  void a_common_migration_with_every_placeholder_gives_both_engines_the_same_tables()
      throws Exception {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("placeholders.db"));
    Migrations.apply(
        sqlite,
        new MigrationSet(List.of("db/migration/placeholders"), MigrationSet.SQLITE.placeholders()));
    PGSimpleDataSource postgres = schema("placeholders");
    Migrations.apply(
        postgres,
        new MigrationSet(
            List.of("db/migration/placeholders"), MigrationSet.POSTGRESQL.placeholders()));

    TreeSet<String> embedded;
    try (Connection c = sqlite.getConnection()) {
      embedded = sqliteSchema(c);
    }
    try (Connection c = postgres.getConnection()) {
      assertThat(postgresSchema(c)).isEqualTo(embedded);
    }
    assertThat(MigrationsTest.placeholderRows(postgres::getConnection))
        .isEqualTo(MigrationsTest.placeholderRows(sqlite::getConnection));
  }

  /** A data source on a new, empty schema of the test database (Flyway migrates into it). */
  private static PGSimpleDataSource schema(String name) throws SQLException {
    try (Connection c = postgres();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    DatabaseUrl url = DatabaseUrl.parse(server.databaseUrl());
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(url.jdbcUrl());
    source.setUser(url.user());
    source.setPassword(url.password());
    source.setCurrentSchema(name);
    return source;
  }

  /** Flyway's checksums of V1–V12 as released (from the files at ed5fe8a, before the move). */
  private static final Map<String, Integer> SHIPPED_POSTGRESQL_CHECKSUMS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("1", 951260628),
              Map.entry("2", -764761814),
              Map.entry("3", 2098967690),
              Map.entry("4", 723726776),
              Map.entry("5", 453839727),
              Map.entry("6", 276812335),
              Map.entry("7", 40831586),
              Map.entry("8", -1280928047),
              Map.entry("9", 1322574616),
              Map.entry("10", 50124707),
              Map.entry("11", -324610809),
              Map.entry("12", -1404547786)));

  private static Connection postgres() throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(server.databaseUrl());
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static TreeSet<String> sqliteSchema(Connection c) throws SQLException {
    TreeSet<String> lines = new TreeSet<>();
    for (String table :
        strings(
            c,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " AND name <> 'flyway_schema_history'")) {
      boolean autoincrement =
          strings(c, "SELECT sql FROM sqlite_master WHERE name = ?", table)
              .get(0)
              .toUpperCase()
              .contains("AUTOINCREMENT");
      List<String> primaryKey = new ArrayList<>();
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)"
                  + " ORDER BY pk, cid")) {
        p.setString(1, table);
        try (ResultSet rows = p.executeQuery()) {
          while (rows.next()) {
            boolean key = rows.getInt(5) > 0;
            if (key) {
              primaryKey.add(rows.getString(1));
            }
            // SQLite lets a rowid table's non-INTEGER key hold NULL (a documented quirk); Parley
            // never writes one, and PostgreSQL's keys are NOT NULL: keys count as NOT NULL.
            boolean generated = key && autoincrement;
            lines.add(
                column(
                    table,
                    rows.getString(1),
                    sqliteFamily(rows.getString(2)),
                    rows.getInt(3) == 1 || key,
                    generated ? "generated" : rows.getString(4) != null ? "default" : "none"));
          }
        }
      }
      if (!primaryKey.isEmpty()) {
        lines.add("table " + table + " primary key (" + String.join(",", primaryKey) + ")");
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")) {
        p.setString(1, table);
        try (ResultSet rows = p.executeQuery()) {
          while (rows.next()) {
            String index = rows.getString(1);
            String columns =
                String.join(
                    ",", strings(c, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", index));
            switch (rows.getString(3)) {
              case "pk" -> {}
              case "u" -> lines.add("table " + table + " unique (" + columns + ")");
              default ->
                  lines.add(index(table, index, columns, rows.getInt(2) == 1, rows.getInt(4) == 1));
            }
          }
        }
      }
    }
    return lines;
  }

  private static TreeSet<String> postgresSchema(Connection c) throws SQLException {
    TreeSet<String> lines = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default,"
                    + " c.is_identity FROM information_schema.columns c"
                    + " JOIN information_schema.tables t ON t.table_schema = c.table_schema"
                    + " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'"
                    + " WHERE c.table_schema = current_schema()"
                    + " AND c.table_name <> 'flyway_schema_history'")) {
      while (rows.next()) {
        boolean generated =
            "YES".equals(rows.getString(6))
                || (rows.getString(5) != null && rows.getString(5).startsWith("nextval("));
        lines.add(
            column(
                rows.getString(1),
                rows.getString(2),
                postgresFamily(rows.getString(3)),
                "NO".equals(rows.getString(4)),
                generated ? "generated" : rows.getString(5) != null ? "default" : "none"));
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary,"
                    + " ix.indpred IS NOT NULL,"
                    + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid"
                    + "   AND k.contype = 'u'),"
                    + " (SELECT string_agg(a.attname, ',' ORDER BY k.ord)"
                    + "   FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)"
                    + "   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)"
                    + " FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid"
                    + " JOIN pg_class t ON t.oid = ix.indrelid"
                    + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                    + " WHERE n.nspname = current_schema()"
                    + " AND t.relname <> 'flyway_schema_history'")) {
      while (rows.next()) {
        String table = rows.getString(1);
        String columns = rows.getString(7);
        if (rows.getBoolean(4)) {
          lines.add("table " + table + " primary key (" + columns + ")");
        } else if (rows.getBoolean(6)) {
          lines.add("table " + table + " unique (" + columns + ")");
        } else {
          lines.add(
              index(table, rows.getString(2), columns, rows.getBoolean(3), rows.getBoolean(5)));
        }
      }
    }
    return lines;
  }

  private static String column(
      String table, String name, String family, boolean notNull, String value) {
    return "table "
        + table
        + " column "
        + name
        + " "
        + family
        + (notNull ? " not null" : " null")
        + " value "
        + value;
  }

  private static String index(
      String table, String name, String columns, boolean unique, boolean partial) {
    return "table "
        + table
        + (unique ? " unique index " : " index ")
        + name
        + " ("
        + columns
        + ")"
        + (partial ? " partial" : "");
  }

  /** SQLite's declared type, by its affinity rules (INT anywhere: integer; CHAR, CLOB, TEXT…). */
  private static String sqliteFamily(String declared) {
    String type = declared.toUpperCase();
    if (type.contains("INT")) {
      return "integer";
    }
    if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
      return "text";
    }
    if (type.isEmpty() || type.contains("BLOB")) {
      return "blob";
    }
    if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
      return "real";
    }
    return "numeric";
  }

  /**
   * PostgreSQL's type, as the family SQLite would store it in. Booleans are integers on SQLite
   * (placeholder {@code ${boolean}}: INTEGER there, BOOLEAN here).
   */
  private static String postgresFamily(String type) {
    return switch (type) {
      case "bigint", "integer", "smallint", "boolean" -> "integer";
      case "text", "character varying", "character", "json", "jsonb" -> "text";
      case "bytea" -> "blob";
      case "real", "double precision" -> "real";
      default -> "numeric";
    };
  }

  private static List<String> strings(Connection c, String sql, String... args)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      try (ResultSet rows = p.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        return values;
      }
    }
  }

  /** V1–V12, the migrations that shipped in one folder per engine. */
  private static boolean shippedBeforeTheMove(Path file) {
    return version(file.getFileName().toString()) <= 12;
  }

  /** The version number a migration's file name or report line starts with ({@code V13 …}). */
  private static int version(String line) {
    return Integer.parseInt(line.replaceFirst("^V?(\\d+).*$", "$1"));
  }
}
