package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import dev.parley.store.WebChannelRecord;
import dev.parley.store.WebChannelStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlWebChannels implements WebChannelStore {
  private static final RowMapper<WebChannelRecord> MAPPER = RecordMapper.of(WebChannelRecord.class);
  private static final Keyset<WebChannelRecord> BY_SEQ = Keyset.on("w.seq", false);
  // The service is the conversation's: a web channel row never outlives its conversation.
  private static final String SELECT =
      "SELECT w.seq, w.sid, w.account_sid, w.flex_flow_sid, c.service_sid AS chat_service_sid,"
          + " w.date_created, w.date_updated FROM web_channels w"
          + " JOIN conversations c ON c.sid = w.sid";

  @Override
  public void insert(Tx tx, WebChannelRecord channel) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO web_channels (sid, account_sid, flex_flow_sid, date_created,"
                + " date_updated) VALUES (:sid, :accountSid, :flexFlowSid, :dateCreated,"
                + " :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(channel))
        .execute();
  }

  @Override
  public Optional<WebChannelRecord> find(Tx tx, String accountSid, String sid) {
    return SqlTx.of(tx)
        .createQuery(SELECT + " WHERE w.sid = :sid AND w.account_sid = :accountSid")
        .bind("sid", sid)
        .bind("accountSid", accountSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<WebChannelRecord> page(Tx tx, String accountSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        SELECT + " WHERE w.account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        MAPPER,
        page);
  }

  @Override
  public void touch(Tx tx, String sid, Instant dateUpdated) {
    SqlTx.of(tx)
        .createUpdate("UPDATE web_channels SET date_updated = :dateUpdated WHERE sid = :sid")
        .bind("sid", sid)
        .bind("dateUpdated", dateUpdated)
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM web_channels WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }
}
