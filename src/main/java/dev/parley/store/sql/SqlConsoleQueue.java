package dev.parley.store.sql;

import dev.parley.store.ConsoleQueueStore;
import dev.parley.store.ConversationRecord;
import dev.parley.store.Tx;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The web chat test is a LIKE on the attributes text, the same on both engines (their JSON
 * functions differ): compact JSON as {@code WebChatService} and JavaScript clients write it, or
 * with the space after the colon that Python's {@code json.dumps} puts there.
 */
final class SqlConsoleQueue implements ConsoleQueueStore {
  private static final RowMapper<ConversationRecord> MAPPER =
      RecordMapper.of(ConversationRecord.class);
  private static final String WEB_CHAT =
      "(c.attributes LIKE '%\"channel_type\":\"web\"%'"
          + " OR c.attributes LIKE '%\"channel_type\": \"web\"%')";
  private static final String AGENT_IN =
      "EXISTS (SELECT 1 FROM participants p JOIN agents a ON a.identity = p.identity"
          + " AND a.account_sid = :accountSid WHERE p.conversation_sid = c.sid)";

  /**
   * A Studio flow has the chat: an execution is active in it, or its studio webhook names a
   * published flow Parley runs (which will start on the visitor's first message) unless that flow's
   * trigger hands the first message straight to Send to Flex (the default Webchat Flow), which
   * holds the chat for nothing. Send to Flex removes that webhook and ends the execution, and the
   * chat reaches agents.
   */
  private static final String FLOW_RUNNING =
      "(EXISTS (SELECT 1 FROM studio_executions e WHERE e.conversation_sid = c.sid"
          + " AND e.status = 'active') OR EXISTS (SELECT 1 FROM conversation_webhooks w"
          + " JOIN studio_flows f ON f.sid = w.flow_sid AND f.account_sid = c.account_sid"
          + " JOIN studio_revisions r ON r.flow_sid = f.sid AND r.revision = f.published"
          + " WHERE w.conversation_sid = c.sid AND w.target = 'studio' AND NOT r.hands_over))";

  @Override
  public List<ConversationRecord> waiting(Tx tx, String accountSid, String serviceSid, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT c.* FROM conversations c WHERE c.service_sid = :serviceSid"
                + " AND c.account_sid = :accountSid AND c.state <> 'closed' AND "
                + WEB_CHAT
                + " AND NOT "
                + AGENT_IN
                + " AND NOT "
                + FLOW_RUNNING
                + " ORDER BY c.date_created, c.seq LIMIT :limit")
        .bind("serviceSid", serviceSid)
        .bind("accountSid", accountSid)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public List<ConversationRecord> joined(
      Tx tx, String serviceSid, String identity, boolean closed, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT c.* FROM conversations c JOIN participants p ON p.conversation_sid = c.sid"
                + " WHERE p.service_sid = :serviceSid AND p.identity = :identity AND c.state "
                + (closed ? "=" : "<>")
                + " 'closed' ORDER BY c.seq DESC LIMIT :limit")
        .bind("serviceSid", serviceSid)
        .bind("identity", identity)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public boolean hasAgent(Tx tx, String accountSid, String conversationSid) {
    return SqlTx.of(tx)
            .createQuery("SELECT COUNT(*) FROM conversations c WHERE c.sid = :sid AND " + AGENT_IN)
            .bind("sid", conversationSid)
            .bind("accountSid", accountSid)
            .mapTo(Long.class)
            .one()
        > 0;
  }
}
