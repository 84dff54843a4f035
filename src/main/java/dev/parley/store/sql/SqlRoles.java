package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.RoleRecord;
import dev.parley.store.RoleStore;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlRoles implements RoleStore {
  private static final RowMapper<RoleRecord> MAPPER = RecordMapper.of(RoleRecord.class);
  private static final Keyset<RoleRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, RoleRecord role) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO roles (sid, account_sid, service_sid, friendly_name, type, permissions,"
                + " date_created, date_updated) VALUES (:sid, :accountSid, :serviceSid,"
                + " :friendlyName, :type, :permissions, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(role))
        .execute();
  }

  @Override
  public Optional<RoleRecord> find(Tx tx, String serviceSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM roles WHERE sid = :sid AND service_sid = :service")
        .bind("sid", sid)
        .bind("service", serviceSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<RoleRecord> page(Tx tx, String serviceSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM roles WHERE service_sid = :service",
        q -> q.bind("service", serviceSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, RoleRecord role) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE roles SET friendly_name = :friendlyName, permissions = :permissions,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(role))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx).createUpdate("DELETE FROM roles WHERE sid = :sid").bind("sid", sid).execute();
  }
}
