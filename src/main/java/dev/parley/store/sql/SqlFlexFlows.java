package dev.parley.store.sql;

import dev.parley.store.FlexFlowRecord;
import dev.parley.store.FlexFlowStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlFlexFlows implements FlexFlowStore {
  private static final RowMapper<FlexFlowRecord> MAPPER = RecordMapper.of(FlexFlowRecord.class);
  private static final Keyset<FlexFlowRecord> BY_SEQ = Keyset.on("seq", false);

  @Override
  public void insert(Tx tx, FlexFlowRecord flow) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO flex_flows (sid, account_sid, friendly_name, chat_service_sid,"
                + " channel_type, contact_identity, enabled, integration_type, integration,"
                + " long_lived, janitor_enabled, date_created, date_updated) VALUES (:sid,"
                + " :accountSid, :friendlyName, :chatServiceSid, :channelType, :contactIdentity,"
                + " :enabled, :integrationType, :integration, :longLived, :janitorEnabled,"
                + " :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(flow))
        .execute();
  }

  @Override
  public Optional<FlexFlowRecord> find(Tx tx, String accountSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM flex_flows WHERE sid = :sid AND account_sid = :accountSid")
        .bind("sid", sid)
        .bind("accountSid", accountSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public boolean nameTaken(Tx tx, String accountSid, String friendlyName) {
    return SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM flex_flows WHERE account_sid = :accountSid"
                    + " AND friendly_name = :friendlyName")
            .bind("accountSid", accountSid)
            .bind("friendlyName", friendlyName)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  @Override
  public Slice<FlexFlowRecord> page(
      Tx tx, String accountSid, String friendlyName, PageRequest page) {
    String select =
        "SELECT * FROM flex_flows WHERE account_sid = :accountSid"
            + (friendlyName == null ? "" : " AND friendly_name = :friendlyName");
    return BY_SEQ.page(
        SqlTx.of(tx),
        select,
        q -> {
          q.bind("accountSid", accountSid);
          if (friendlyName != null) {
            q.bind("friendlyName", friendlyName);
          }
        },
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, FlexFlowRecord flow) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE flex_flows SET friendly_name = :friendlyName,"
                + " chat_service_sid = :chatServiceSid, channel_type = :channelType,"
                + " contact_identity = :contactIdentity, enabled = :enabled,"
                + " integration_type = :integrationType, integration = :integration,"
                + " long_lived = :longLived, janitor_enabled = :janitorEnabled,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(flow))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx).createUpdate("DELETE FROM flex_flows WHERE sid = :sid").bind("sid", sid).execute();
  }
}
