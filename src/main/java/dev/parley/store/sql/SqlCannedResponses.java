package dev.parley.store.sql;

import dev.parley.store.CannedResponseRecord;
import dev.parley.store.CannedResponseStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlCannedResponses implements CannedResponseStore {
  private static final RowMapper<CannedResponseRecord> MAPPER =
      RecordMapper.of(CannedResponseRecord.class);
  private static final Keyset<CannedResponseRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, CannedResponseRecord response) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO canned_responses (sid, account_sid, short_code, body, date_created,"
                + " date_updated) VALUES (:sid, :accountSid, :shortCode, :body, :dateCreated,"
                + " :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(response))
        .execute();
  }

  @Override
  public Optional<CannedResponseRecord> find(Tx tx, String accountSid, String sidOrShortCode) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM canned_responses WHERE account_sid = :accountSid"
                + " AND (sid = :key OR short_code = :key)")
        .bind("accountSid", accountSid)
        .bind("key", sidOrShortCode)
        .map(MAPPER)
        .findFirst();
  }

  @Override
  public Slice<CannedResponseRecord> page(Tx tx, String accountSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM canned_responses WHERE account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, CannedResponseRecord response) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE canned_responses SET short_code = :shortCode, body = :body,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(response))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM canned_responses WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }
}
