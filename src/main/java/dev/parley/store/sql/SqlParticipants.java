package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.ParticipantStore;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlParticipants implements ParticipantStore {
  private static final RowMapper<ParticipantRecord> MAPPER =
      RecordMapper.of(ParticipantRecord.class);
  private static final Keyset<ParticipantRecord> IN_ORDER = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, ParticipantRecord p) {
    RecordInsert.insert(SqlTx.of(tx), "participants", List.of(p));
  }

  @Override
  public Optional<ParticipantRecord> find(Tx tx, String conversationSid, String sidOrIdentity) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM participants WHERE conversation_sid = :conversation"
                + " AND (sid = :key OR identity = :key)"
                + " ORDER BY CASE WHEN sid = :key THEN 0 ELSE 1 END LIMIT 1")
        .bind("conversation", conversationSid)
        .bind("key", sidOrIdentity)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public boolean meet(Tx tx, String serviceSid, String identity, String other) {
    return SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM (SELECT 1 FROM participants mine JOIN participants theirs"
                    + " ON theirs.conversation_sid = mine.conversation_sid"
                    + " WHERE mine.service_sid = :service AND mine.identity = :identity"
                    + " AND theirs.identity = :other LIMIT 1) AS met")
            .bind("service", serviceSid)
            .bind("identity", identity)
            .bind("other", other)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  @Override
  public Optional<ParticipantRecord> findByIdentity(
      Tx tx, String conversationSid, String identity) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM participants WHERE conversation_sid = :conversation"
                + " AND identity = :identity")
        .bind("conversation", conversationSid)
        .bind("identity", identity)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<ParticipantRecord> withAddress(Tx tx, String conversationSid, String address) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM participants WHERE conversation_sid = :conversation"
                + " AND binding_address = :address")
        .bind("conversation", conversationSid)
        .bind("address", address)
        .map(MAPPER)
        .list();
  }

  @Override
  public Optional<String> openConversationWithBinding(
      Tx tx, String serviceSid, String exceptConversationSid, String address, String proxyAddress) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT p.conversation_sid FROM participants p"
                + " JOIN conversations c ON c.sid = p.conversation_sid"
                + " WHERE p.service_sid = :service AND p.binding_address = :address"
                + " AND p.binding_proxy_address = :proxy AND p.conversation_sid <> :except"
                + " AND c.state <> 'closed' LIMIT 1")
        .bind("service", serviceSid)
        .bind("address", address)
        .bind("proxy", proxyAddress)
        .bind("except", exceptConversationSid)
        .mapTo(String.class)
        .findOne();
  }

  @Override
  public Slice<ParticipantRecord> page(Tx tx, String conversationSid, PageRequest page) {
    return IN_ORDER.page(
        SqlTx.of(tx),
        "SELECT * FROM participants WHERE conversation_sid = :conversation",
        q -> q.bind("conversation", conversationSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, ParticipantRecord p) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE participants SET identity = :identity, attributes = :attributes,"
                + " messaging_binding = :messagingBinding, binding_address = :bindingAddress,"
                + " binding_proxy_address = :bindingProxyAddress, role_sid = :roleSid,"
                + " last_read_message_index = :lastReadMessageIndex,"
                + " last_read_timestamp = :lastReadTimestamp,"
                + " notification_level = :notificationLevel, date_created = :dateCreated,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(p))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM participants WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }
}
