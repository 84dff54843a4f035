package dev.parley.store.sql;

import dev.parley.store.AddressRecord;
import dev.parley.store.AddressStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlAddresses implements AddressStore {
  private final ReadOnce<AddressRecord> addresses = new ReadOnce<>("address_configurations");

  private static final RowMapper<AddressRecord> MAPPER = RecordMapper.of(AddressRecord.class);
  private static final Keyset<AddressRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, AddressRecord a) {
    addresses.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO address_configurations (sid, account_sid, type, address, friendly_name,"
                + " address_country, auto_creation_enabled, auto_creation_type,"
                + " auto_creation_service_sid, webhook_url, webhook_method, webhook_filters,"
                + " studio_flow_sid, studio_retry_count, date_created, date_updated) VALUES (:sid,"
                + " :accountSid, :type, :address, :friendlyName, :addressCountry,"
                + " :autoCreationEnabled, :autoCreationType, :autoCreationServiceSid,"
                + " :webhookUrl, :webhookMethod, :webhookFilters, :studioFlowSid,"
                + " :studioRetryCount, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(a))
        .execute();
  }

  @Override
  public Optional<AddressRecord> find(Tx tx, String accountSid, String sidOrAddress) {
    return addresses.get(
        tx,
        accountSid + "/" + sidOrAddress,
        () ->
            SqlTx.of(tx)
                .createQuery(
                    "SELECT * FROM address_configurations WHERE account_sid = :account"
                        + " AND (sid = :key OR address = :key)"
                        + " ORDER BY CASE WHEN sid = :key THEN 0 ELSE 1 END LIMIT 1")
                .bind("account", accountSid)
                .bind("key", sidOrAddress)
                .map(MAPPER)
                .findOne());
  }

  @Override
  public boolean addressTaken(Tx tx, String accountSid, String address) {
    return SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM address_configurations WHERE account_sid = :account"
                    + " AND address = :address")
            .bind("account", accountSid)
            .bind("address", address)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  @Override
  public Slice<AddressRecord> page(Tx tx, String accountSid, String type, PageRequest page) {
    String select = "SELECT * FROM address_configurations WHERE account_sid = :account";
    if (type != null) {
      select += " AND lower(type) = :type";
    }
    return BY_SEQ.page(
        SqlTx.of(tx),
        select,
        q -> {
          q.bind("account", accountSid);
          if (type != null) {
            q.bind("type", type);
          }
        },
        MAPPER,
        page);
  }

  @Override
  public Optional<AddressRecord> firstUsingService(Tx tx, String serviceSid) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM address_configurations WHERE auto_creation_service_sid = :service"
                + " ORDER BY seq LIMIT 1")
        .bind("service", serviceSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public void update(Tx tx, AddressRecord a) {
    addresses.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE address_configurations SET friendly_name = :friendlyName,"
                + " auto_creation_enabled = :autoCreationEnabled,"
                + " auto_creation_type = :autoCreationType,"
                + " auto_creation_service_sid = :autoCreationServiceSid,"
                + " webhook_url = :webhookUrl, webhook_method = :webhookMethod,"
                + " webhook_filters = :webhookFilters, studio_flow_sid = :studioFlowSid,"
                + " studio_retry_count = :studioRetryCount, date_updated = :dateUpdated"
                + " WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(a))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    addresses.forget(tx);
    SqlTx.of(tx)
        .createUpdate("DELETE FROM address_configurations WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }
}
