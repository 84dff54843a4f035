package dev.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fresh PostgreSQL database for one test class when the suite runs on PostgreSQL ({@code
 * -Dparley.test.store=postgresql}), dropped afterwards. The server is the machine's own
 * (PARLEY_TEST_POSTGRES, default {@code 127.0.0.1:5432} as {@code postgres}).
 */
final class TestDatabase {
  private static final AtomicLong COUNTER = new AtomicLong();
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
    admin("DROP DATABASE IF EXISTS " + name);
    admin("CREATE DATABASE " + name);
    return new TestDatabase(name);
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
