package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web chat's participant has no binding address and its conversation no unique name: on
 * PostgreSQL, whose b-trees index NULLs, the indexes on those keys take only the rows that have one
 * (V24), and a unique name stays unique per service.
 */
@PostgresqlOnly
class KeylessRowsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String SERVICE = "IS00000000000000000000000000000024";

  @Test
  void indexes_on_a_binding_address_or_a_unique_name_skip_rows_without_one() throws Exception {
    try (Connection c = postgres()) {
      assertThat(definition(c, "participants_address"))
          .endsWith("WHERE (binding_address IS NOT NULL)");
      assertThat(definition(c, "conversations_unique_name"))
          .startsWith("CREATE UNIQUE INDEX")
          .endsWith("WHERE (unique_name IS NOT NULL)");
    }
  }

  @Test
  void a_unique_name_is_taken_once_per_service_and_conversations_need_none() throws Exception {
    try (Connection c = postgres()) {
      c.createStatement()
          .execute(
              "INSERT INTO services (sid, account_sid, friendly_name, date_created, date_updated)"
                  + " SELECT '"
                  + SERVICE
                  + "', sid, 'keyless', 0, 0 FROM accounts LIMIT 1");

      insertConversation(c, "CH00000000000000000000000000000241", null);
      insertConversation(c, "CH00000000000000000000000000000242", null);
      insertConversation(c, "CH00000000000000000000000000000243", "support");

      assertThatThrownBy(
              () -> insertConversation(c, "CH00000000000000000000000000000244", "support"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("23505");
    }
  }

  private static void insertConversation(Connection c, String sid, String uniqueName)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO conversations (sid, account_sid, service_sid, unique_name, state,"
                + " date_created, date_updated) SELECT ?, account_sid, sid, ?, 'active', 0, 0"
                + " FROM services WHERE sid = ?")) {
      s.setString(1, sid);
      s.setString(2, uniqueName);
      s.setString(3, SERVICE);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static String definition(Connection c, String index) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_get_indexdef(CAST(? AS regclass))")) {
      s.setString(1, index);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static Connection postgres() throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(server.databaseUrl());
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
