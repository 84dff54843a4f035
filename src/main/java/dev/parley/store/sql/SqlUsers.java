package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import dev.parley.store.UserStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlUsers implements UserStore {
  private static final RowMapper<UserRecord> MAPPER = RecordMapper.of(UserRecord.class);
  private static final Keyset<UserRecord> IN_ORDER = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, UserRecord user) {
    RecordInsert.insert(SqlTx.of(tx), "users", List.of(user));
  }

  @Override
  public Optional<UserRecord> find(Tx tx, String serviceSid, String sidOrIdentity) {
    // A SID wins over an identity that happens to look like one.
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM users WHERE service_sid = :service AND (sid = :key OR identity = :key)"
                + " ORDER BY CASE WHEN sid = :key THEN 0 ELSE 1 END LIMIT 1")
        .bind("service", serviceSid)
        .bind("key", sidOrIdentity)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<UserRecord> findByIdentity(Tx tx, String serviceSid, String identity) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM users WHERE service_sid = :service AND identity = :identity")
        .bind("service", serviceSid)
        .bind("identity", identity)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<UserRecord> page(Tx tx, String serviceSid, PageRequest page) {
    return IN_ORDER.page(
        SqlTx.of(tx),
        "SELECT * FROM users WHERE service_sid = :service",
        q -> q.bind("service", serviceSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, UserRecord user) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE users SET friendly_name = :friendlyName, attributes = :attributes,"
                + " role_sid = :roleSid, date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(user))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx).createUpdate("DELETE FROM users WHERE sid = :sid").bind("sid", sid).execute();
  }
}
