package dev.parley.store.sql;

import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.ConversationWebhookStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlConversationWebhooks implements ConversationWebhookStore {
  private static final RowMapper<ConversationWebhookRecord> MAPPER =
      RecordMapper.of(ConversationWebhookRecord.class);
  private static final Keyset<ConversationWebhookRecord> BY_SEQ = Keyset.on("seq", false);

  /**
   * Each conversation's webhooks, which every event of it reads (the delivery planner, a studio
   * trigger) and almost nothing changes: read once per transaction, and kept across transactions
   * where one process writes the store ({@link SharedReads}). A conversation's removal takes its
   * webhooks with it (ON DELETE CASCADE) after its last event was planned, and its SID is never
   * used again, so what is kept of it is never read again.
   */
  private final ReadOnce<List<ConversationWebhookRecord>> byConversation =
      new ReadOnce<>("conversation_webhooks");

  @Override
  public void insert(Tx tx, ConversationWebhookRecord w) {
    byConversation.forget(tx, w.conversationSid());
    RecordInsert.insert(SqlTx.of(tx), "conversation_webhooks", List.of(w));
  }

  /**
   * Its conversation's SID is known to no other transaction until this one commits, so only what
   * this one read of it is to be forgotten, and no other node is told: a web chat's webhook costs
   * the shared reads nothing and sends no NOTIFY.
   */
  @Override
  public void insertOnNew(Tx tx, ConversationWebhookRecord w) {
    byConversation.forgetOwn(tx, w.conversationSid());
    RecordInsert.insert(SqlTx.of(tx), "conversation_webhooks", List.of(w));
  }

  @Override
  public Optional<ConversationWebhookRecord> find(Tx tx, String conversationSid, String sid) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM conversation_webhooks WHERE sid = :sid"
                + " AND conversation_sid = :conversation")
        .bind("sid", sid)
        .bind("conversation", conversationSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public int count(Tx tx, String conversationSid) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT COUNT(*) FROM conversation_webhooks WHERE conversation_sid = :conversation")
        .bind("conversation", conversationSid)
        .mapTo(Integer.class)
        .one();
  }

  @Override
  public List<ConversationWebhookRecord> all(Tx tx, String conversationSid) {
    return byConversation
        .get(
            tx,
            conversationSid,
            () ->
                Optional.of(
                    SqlTx.of(tx)
                        .createQuery(
                            "SELECT * FROM conversation_webhooks"
                                + " WHERE conversation_sid = :conversation ORDER BY seq")
                        .bind("conversation", conversationSid)
                        .map(MAPPER)
                        .list()))
        .orElseThrow();
  }

  @Override
  public Slice<ConversationWebhookRecord> page(Tx tx, String conversationSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM conversation_webhooks WHERE conversation_sid = :conversation",
        q -> q.bind("conversation", conversationSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, ConversationWebhookRecord w) {
    byConversation.forget(tx, w.conversationSid());
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE conversation_webhooks SET url = :url, method = :method, filters = :filters,"
                + " triggers = :triggers, flow_sid = :flowSid, date_updated = :dateUpdated"
                + " WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(w))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    DirectStatements.first(
            SqlTx.of(tx),
            "DELETE FROM conversation_webhooks WHERE sid = ? RETURNING conversation_sid",
            row -> row.getString(1),
            sid)
        .ifPresent(conversationSid -> byConversation.forget(tx, conversationSid));
  }
}
