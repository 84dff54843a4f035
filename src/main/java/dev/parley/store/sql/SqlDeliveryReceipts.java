package dev.parley.store.sql;

import dev.parley.store.DeliveryReceiptRecord;
import dev.parley.store.DeliveryReceiptStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlDeliveryReceipts implements DeliveryReceiptStore {
  private static final RowMapper<DeliveryReceiptRecord> MAPPER =
      RecordMapper.of(DeliveryReceiptRecord.class);
  private static final RowMapper<StatusCount> COUNT_MAPPER = RecordMapper.of(StatusCount.class);
  private static final Keyset<DeliveryReceiptRecord> IN_ORDER = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, DeliveryReceiptRecord r) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO delivery_receipts (sid, account_sid, service_sid, conversation_sid,"
                + " message_sid, participant_sid, channel_message_sid, status, error_code,"
                + " date_created, date_updated) VALUES (:sid, :accountSid, :serviceSid,"
                + " :conversationSid, :messageSid, :participantSid, :channelMessageSid, :status,"
                + " :errorCode, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(r))
        .execute();
  }

  @Override
  public Optional<DeliveryReceiptRecord> find(Tx tx, String messageSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM delivery_receipts WHERE sid = :sid AND message_sid = :message")
        .bind("sid", sid)
        .bind("message", messageSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<DeliveryReceiptRecord> page(Tx tx, String messageSid, PageRequest page) {
    return IN_ORDER.page(
        SqlTx.of(tx),
        "SELECT * FROM delivery_receipts WHERE message_sid = :message",
        q -> q.bind("message", messageSid),
        MAPPER,
        page);
  }

  @Override
  public List<StatusCount> statusCounts(Tx tx, List<String> messageSids) {
    if (messageSids.isEmpty()) {
      return List.of();
    }
    return SqlTx.of(tx)
        .createQuery(
            "SELECT message_sid, status, COUNT(*) AS count FROM delivery_receipts"
                + " WHERE message_sid IN (<sids>) GROUP BY message_sid, status")
        .bindList("sids", messageSids)
        .map(COUNT_MAPPER)
        .list();
  }
}
