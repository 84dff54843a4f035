package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The delivery history's {@code ConversationSid} filter reads the deliveries' own conversation
 * (V25), so an event, which every message post writes, carries no index for it; deliveries made
 * before V25 get their event's conversation.
 */
class DeliveriesByConversationTest {
  @TempDir Path dir;

  @Test
  void an_event_is_indexed_by_its_seq_alone() throws Exception {
    SQLiteDataSource source = store("latest.db");
    Migrations.apply(source, MigrationSet.SQLITE);

    try (Connection c = source.getConnection()) {
      assertThat(strings(c, "SELECT name FROM pragma_index_list('events')")).isEmpty();
      assertThat(
              strings(
                  c,
                  "EXPLAIN QUERY PLAN SELECT * FROM webhook_deliveries WHERE account_sid = 'AC1'"
                      + " AND conversation_sid = 'CH1' AND seq < 10 ORDER BY seq DESC LIMIT 51"))
          .anySatisfy(step -> assertThat(step).contains("webhook_deliveries_conversation"))
          .noneSatisfy(step -> assertThat(step).contains("TEMP B-TREE"));
    }
  }

  @Test
  void a_delivery_made_before_the_column_gets_its_events_conversation() throws Exception {
    SQLiteDataSource source = store("v24.db");
    flyway(source).target("24").load().migrate();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      for (String[] event : new String[][] {{"1", "'CH1'"}, {"2", "NULL"}}) {
        s.execute(
            "INSERT INTO events (seq, account_sid, conversation_sid, type, source, params,"
                + " date_created) VALUES ("
                + event[0]
                + ", 'AC1', "
                + event[1]
                + ", 'onMessageAdded', 'api', '{}', 0)");
        s.execute(
            "INSERT INTO webhook_deliveries (sid, account_sid, event_seq, lane, kind, method,"
                + " status, date_created, date_updated) VALUES ('WD"
                + event[0]
                + "', 'AC1', "
                + event[0]
                + ", 'lane', 'account', 'POST', 'delivered', 0, 0)");
      }
    }

    flyway(source).load().migrate();

    try (Connection c = source.getConnection()) {
      assertThat(strings(c, "SELECT sid FROM webhook_deliveries WHERE conversation_sid = 'CH1'"))
          .containsExactly("WD1");
      assertThat(strings(c, "SELECT sid FROM webhook_deliveries WHERE conversation_sid IS NULL"))
          .containsExactly("WD2");
    }
  }

  private SQLiteDataSource store(String name) {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve(name));
    return source;
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
      SQLiteDataSource source) {
    return Flyway.configure()
        .dataSource(source)
        .locations(
            MigrationSet.SQLITE.locations().stream()
                .map(l -> "classpath:" + l)
                .toArray(String[]::new))
        .placeholders(MigrationSet.SQLITE.placeholders());
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(rows.getMetaData().getColumnCount()));
      }
    }
    return values;
  }
}
