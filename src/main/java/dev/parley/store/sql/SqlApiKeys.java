package dev.parley.store.sql;

import dev.parley.store.ApiKeyRecord;
import dev.parley.store.ApiKeyStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlApiKeys implements ApiKeyStore {
  private static final RowMapper<ApiKeyRecord> MAPPER = RecordMapper.of(ApiKeyRecord.class);
  private static final Keyset<ApiKeyRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, ApiKeyRecord key) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO api_keys (sid, account_sid, friendly_name, secret, date_created,"
                + " date_updated) VALUES (:sid, :accountSid, :friendlyName, :secret,"
                + " :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(key))
        .execute();
  }

  @Override
  public Optional<ApiKeyRecord> find(Tx tx, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM api_keys WHERE sid = :sid")
        .bind("sid", sid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<ApiKeyRecord> find(Tx tx, String accountSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM api_keys WHERE sid = :sid AND account_sid = :accountSid")
        .bind("sid", sid)
        .bind("accountSid", accountSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<ApiKeyRecord> page(Tx tx, String accountSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM api_keys WHERE account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, ApiKeyRecord key) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE api_keys SET friendly_name = :friendlyName, date_updated = :dateUpdated"
                + " WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(key))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx).createUpdate("DELETE FROM api_keys WHERE sid = :sid").bind("sid", sid).execute();
  }
}
