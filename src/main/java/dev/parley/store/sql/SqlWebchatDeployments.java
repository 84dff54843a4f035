package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import dev.parley.store.WebchatDeploymentRecord;
import dev.parley.store.WebchatDeploymentStore;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlWebchatDeployments implements WebchatDeploymentStore {
  private static final RowMapper<WebchatDeploymentRecord> MAPPER =
      RecordMapper.of(WebchatDeploymentRecord.class);
  private static final Keyset<WebchatDeploymentRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, WebchatDeploymentRecord deployment) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO webchat_deployments (sid, account_sid, friendly_name, address_sid,"
                + " key_hash, key_sealed, allowed_origins, token_ttl, appearance, date_created,"
                + " date_updated) VALUES (:sid, :accountSid, :friendlyName, :addressSid, :keyHash,"
                + " :keySealed, :allowedOrigins, :tokenTtl, :appearance, :dateCreated,"
                + " :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(deployment))
        .execute();
  }

  @Override
  public Optional<WebchatDeploymentRecord> find(Tx tx, String accountSid, String sid) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM webchat_deployments WHERE sid = :sid AND account_sid = :accountSid")
        .bind("sid", sid)
        .bind("accountSid", accountSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<WebchatDeploymentRecord> findByKeyHash(Tx tx, String keyHash) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM webchat_deployments WHERE key_hash = :keyHash")
        .bind("keyHash", keyHash)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<WebchatDeploymentRecord> page(Tx tx, String accountSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM webchat_deployments WHERE account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, WebchatDeploymentRecord deployment) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE webchat_deployments SET friendly_name = :friendlyName,"
                + " address_sid = :addressSid, key_hash = :keyHash, key_sealed = :keySealed,"
                + " allowed_origins = :allowedOrigins, token_ttl = :tokenTtl,"
                + " appearance = :appearance, date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(deployment))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM webchat_deployments WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }

  @Override
  public Optional<String> guestKeySid(Tx tx, String accountSid) {
    return SqlTx.of(tx)
        .createQuery("SELECT key_sid FROM webchat_guest_keys WHERE account_sid = :accountSid")
        .bind("accountSid", accountSid)
        .mapTo(String.class)
        .findOne();
  }

  @Override
  public void setGuestKeySid(Tx tx, String accountSid, String keySid) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO webchat_guest_keys (account_sid, key_sid) VALUES (:accountSid, :keySid)"
                + " ON CONFLICT (account_sid) DO UPDATE SET key_sid = excluded.key_sid")
        .bind("accountSid", accountSid)
        .bind("keySid", keySid)
        .execute();
  }

  @Override
  public boolean isGuest(Tx tx, String accountSid, String identity) {
    return SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM webchat_guests WHERE account_sid = :accountSid"
                    + " AND identity = :identity")
            .bind("accountSid", accountSid)
            .bind("identity", identity)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  @Override
  public void addGuest(Tx tx, String accountSid, String identity) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO webchat_guests (account_sid, identity) VALUES (:accountSid, :identity)"
                + " ON CONFLICT DO NOTHING")
        .bind("accountSid", accountSid)
        .bind("identity", identity)
        .execute();
  }
}
