package dev.parley.api.conversations;

import dev.parley.testing.ParleyServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Puts messages straight into a running server's store. The Messages API is another resource's
 * work; until it is on main, unread counts are arranged here. Replace with API calls then.
 */
final class StoredMessages {
  private StoredMessages() {}

  static void add(ParleyServer server, String conversationSid, String serviceSid, int count) {
    String url = "jdbc:sqlite:" + server.dataDir().resolve("parley.db");
    try (Connection db = DriverManager.getConnection(url)) {
      db.createStatement().execute("PRAGMA busy_timeout = 10000");
      for (int i = 0; i < count; i++) {
        long index;
        try (var next =
            db.prepareStatement(
                "UPDATE conversations SET last_message_index = last_message_index + 1"
                    + " WHERE sid = ? RETURNING last_message_index")) {
          next.setString(1, conversationSid);
          var rs = next.executeQuery();
          rs.next();
          index = rs.getLong(1);
        }
        try (PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO messages (sid, account_sid, service_sid, conversation_sid, idx,"
                    + " author, body, date_created) VALUES (?, ?, ?, ?, ?, 'system', 'hi', ?)")) {
          insert.setString(1, String.format("IM%032x", System.nanoTime()));
          insert.setString(2, ParleyServer.ACCOUNT_SID);
          insert.setString(3, serviceSid);
          insert.setString(4, conversationSid);
          insert.setLong(5, index);
          insert.setLong(6, System.currentTimeMillis());
          insert.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
