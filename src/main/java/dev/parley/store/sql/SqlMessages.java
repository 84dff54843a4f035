package dev.parley.store.sql;

import dev.parley.store.MessageRecord;
import dev.parley.store.MessageStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlMessages implements MessageStore {
  private static final RowMapper<MessageRecord> MAPPER = RecordMapper.of(MessageRecord.class);
  // UNIQUE(conversation_sid, idx) is the index both directions walk.
  private static final Keyset<MessageRecord> OLDEST_FIRST = Keyset.on("idx", false);
  private static final Keyset<MessageRecord> NEWEST_FIRST = Keyset.on("idx", true);
  // The column is idx because INDEX is an SQL keyword; the record calls it index.
  private static final String SELECT = "SELECT *, idx AS \"index\" FROM messages";

  @Override
  public void insert(Tx tx, MessageRecord m) {
    RecordInsert.insert(SqlTx.of(tx), "messages", List.of(m));
  }

  @Override
  public Optional<MessageRecord> find(Tx tx, String conversationSid, String sid) {
    return SqlTx.of(tx)
        .createQuery(SELECT + " WHERE sid = :sid AND conversation_sid = :conversation")
        .bind("sid", sid)
        .bind("conversation", conversationSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<MessageRecord> page(
      Tx tx, String conversationSid, boolean descending, PageRequest page) {
    return (descending ? NEWEST_FIRST : OLDEST_FIRST)
        .page(
            SqlTx.of(tx),
            SELECT + " WHERE conversation_sid = :conversation",
            q -> q.bind("conversation", conversationSid),
            MAPPER,
            page);
  }

  @Override
  public void update(Tx tx, MessageRecord m) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE messages SET author = :author, body = :body, attributes = :attributes,"
                + " participant_sid = :participantSid, subject = :subject,"
                + " date_created = :dateCreated, date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(m))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx).createUpdate("DELETE FROM messages WHERE sid = :sid").bind("sid", sid).execute();
  }

  @Override
  public Optional<String> participantSid(Tx tx, String conversationSid, String identity) {
    // Read straight from participants: UNIQUE(conversation_sid, identity) makes it one seek.
    return DirectStatements.first(
        SqlTx.of(tx),
        "SELECT sid FROM participants WHERE conversation_sid = ? AND identity = ?",
        row -> row.getString(1),
        conversationSid,
        identity);
  }
}
