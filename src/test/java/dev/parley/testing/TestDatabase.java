package dev.parley.testing;

import dev.parley.store.sql.PostgresStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fresh PostgreSQL database for one test class when the suite runs on PostgreSQL ({@code
 * -Dparley.test.store=postgresql}), dropped afterwards. The server is the machine's own
 * (PARLEY_TEST_POSTGRES, default {@code 127.0.0.1:5432} as {@code postgres}).
 *
 * <p>Two things keep the PostgreSQL run near the embedded one's time: each database is a copy of a
 * template migrated once per test JVM (Flyway runs once, not once per class), and commits do not
 * wait for the disk ({@code synchronous_commit = off}: a crash of the test server may lose the last
 * commits of a database that is thrown away anyway; the embedded store's tests keep full
 * durability).
 */
final class TestDatabase {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final String TEMPLATE = "parley_test_template_" + ProcessHandle.current().pid();
  private static boolean templateReady;
  private static final String SERVER =
      System.getenv().getOrDefault("PARLEY_TEST_POSTGRES", "127.0.0.1:5432");
  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  /** True when this test run keeps its data in PostgreSQL. */
  static boolean wanted() {
    return "postgresql".equals(System.getProperty("parley.test.store"));
  }

  static TestDatabase create() {
    String name = "parley_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    prepareTemplate();
    admin("DROP DATABASE IF EXISTS " + name);
    admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    admin("ALTER DATABASE " + name + " SET synchronous_commit = off");
    return new TestDatabase(name);
  }

  private static synchronized void prepareTemplate() {
    if (templateReady) {
      return;
    }
    admin("DROP DATABASE IF EXISTS " + TEMPLATE);
    admin("CREATE DATABASE " + TEMPLATE);
    PostgresStore.migrate("postgresql://postgres@" + SERVER + "/" + TEMPLATE);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> admin("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)")));
    templateReady = true;
  }

  /** The URL a Parley node is configured with. */
  String url() {
    return "postgresql://postgres@" + SERVER + "/" + name;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + name, "postgres", "");
  }

  void drop() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection connection =
            DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/test", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + SERVER + " is needed for -Dparley.test.store=postgresql: " + e, e);
    }
  }
}
