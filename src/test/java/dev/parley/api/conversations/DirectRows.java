package dev.parley.api.conversations;

import dev.parley.testing.ParleyServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Writes rows no Parley API can make yet (participants belong to another resource; receipts come
 * only from non-chat channels) straight into a running server's database, so the read paths that
 * depend on them can be tested through the wire.
 */
final class DirectRows {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ParleyServer server;

  DirectRows(ParleyServer server) {
    this.server = server;
  }

  /** Adds a chat participant with {@code identity}; returns its MB SID. */
  String participant(
      String accountSid, String serviceSid, String conversationSid, String identity) {
    String sid = sid("MB");
    execute(
        "INSERT INTO participants (sid, account_sid, service_sid, conversation_sid, identity,"
            + " date_created, date_updated) VALUES (?, ?, ?, ?, ?, 0, 0)",
        sid,
        accountSid,
        serviceSid,
        conversationSid,
        identity);
    return sid;
  }

  /** Records a delivery receipt of {@code messageSid} in {@code status}; returns its DY SID. */
  String receipt(
      String accountSid,
      String serviceSid,
      String conversationSid,
      String messageSid,
      String status) {
    String sid = sid("DY");
    execute(
        "INSERT INTO delivery_receipts (sid, account_sid, service_sid, conversation_sid,"
            + " message_sid, participant_sid, channel_message_sid, status, error_code,"
            + " date_created, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0,"
            + " 1458851877000, 1458851877000)",
        sid,
        accountSid,
        serviceSid,
        conversationSid,
        messageSid,
        sid("MB"),
        sid("SM"),
        status);
    return sid;
  }

  private void execute(String sql, String... values) {
    try (Connection connection = server.connect()) {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setString(i + 1, values[i]);
        }
        statement.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sid(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
