package dev.parley.store.sql;

import dev.parley.store.AgentRecord;
import dev.parley.store.AgentStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlAgents implements AgentStore {
  private static final RowMapper<AgentRecord> MAPPER = RecordMapper.of(AgentRecord.class);
  private static final Keyset<AgentRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, AgentRecord agent) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO agents (sid, account_sid, identity, friendly_name, password_hash,"
                + " date_created, date_updated) VALUES (:sid, :accountSid, :identity,"
                + " :friendlyName, :passwordHash, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(agent))
        .execute();
  }

  @Override
  public Optional<AgentRecord> find(Tx tx, String accountSid, String sidOrIdentity) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM agents WHERE account_sid = :accountSid"
                + " AND (sid = :key OR identity = :key)")
        .bind("accountSid", accountSid)
        .bind("key", sidOrIdentity)
        .map(MAPPER)
        .findFirst();
  }

  @Override
  public List<AgentRecord> withIdentity(Tx tx, String identity) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM agents WHERE identity = :identity ORDER BY seq")
        .bind("identity", identity)
        .map(MAPPER)
        .list();
  }

  @Override
  public Optional<AgentRecord> bySid(Tx tx, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM agents WHERE sid = :sid")
        .bind("sid", sid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<AgentRecord> page(Tx tx, String accountSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM agents WHERE account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, AgentRecord agent) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE agents SET friendly_name = :friendlyName, password_hash = :passwordHash,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(agent))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx).createUpdate("DELETE FROM agents WHERE sid = :sid").bind("sid", sid).execute();
  }

  @Override
  public Optional<String> consoleKeySid(Tx tx, String accountSid) {
    return SqlTx.of(tx)
        .createQuery("SELECT key_sid FROM console_keys WHERE account_sid = :accountSid")
        .bind("accountSid", accountSid)
        .mapTo(String.class)
        .findOne();
  }

  @Override
  public void setConsoleKeySid(Tx tx, String accountSid, String keySid) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO console_keys (account_sid, key_sid) VALUES (:accountSid, :keySid)"
                + " ON CONFLICT (account_sid) DO UPDATE SET key_sid = excluded.key_sid")
        .bind("accountSid", accountSid)
        .bind("keySid", keySid)
        .execute();
  }
}
