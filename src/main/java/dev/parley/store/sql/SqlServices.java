package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.ServiceRecord;
import dev.parley.store.ServiceStore;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlServices implements ServiceStore {
  private static final RowMapper<ServiceRecord> MAPPER = RecordMapper.of(ServiceRecord.class);
  private static final Keyset<ServiceRecord> BY_SEQ = Keyset.on("seq", false);
  private final ReadOnce<ServiceRecord> services = new ReadOnce<>("services");

  @Override
  public void insert(Tx tx, ServiceRecord service) {
    services.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO services (sid, account_sid, friendly_name,"
                + " default_conversation_creator_role_sid, default_conversation_role_sid,"
                + " default_chat_service_role_sid, reachability_enabled, notifications,"
                + " pre_webhook_url, post_webhook_url, webhook_method, webhook_filters,"
                + " date_created, date_updated) VALUES (:sid, :accountSid, :friendlyName,"
                + " :defaultConversationCreatorRoleSid, :defaultConversationRoleSid,"
                + " :defaultChatServiceRoleSid, :reachabilityEnabled, :notifications,"
                + " :preWebhookUrl, :postWebhookUrl, :webhookMethod, :webhookFilters,"
                + " :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(service))
        .execute();
  }

  @Override
  public Optional<ServiceRecord> find(Tx tx, String accountSid, String sid) {
    return services.get(
        tx,
        accountSid + "/" + sid,
        () ->
            SqlTx.of(tx)
                .createQuery(
                    "SELECT * FROM services WHERE sid = :sid AND account_sid = :accountSid")
                .bind("sid", sid)
                .bind("accountSid", accountSid)
                .map(MAPPER)
                .findOne());
  }

  @Override
  public Slice<ServiceRecord> page(Tx tx, String accountSid, PageRequest page) {
    return BY_SEQ.page(
        SqlTx.of(tx),
        "SELECT * FROM services WHERE account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, ServiceRecord service) {
    services.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE services SET friendly_name = :friendlyName,"
                + " default_conversation_creator_role_sid = :defaultConversationCreatorRoleSid,"
                + " default_conversation_role_sid = :defaultConversationRoleSid,"
                + " default_chat_service_role_sid = :defaultChatServiceRoleSid,"
                + " reachability_enabled = :reachabilityEnabled, notifications = :notifications,"
                + " pre_webhook_url = :preWebhookUrl, post_webhook_url = :postWebhookUrl,"
                + " webhook_method = :webhookMethod, webhook_filters = :webhookFilters,"
                + " date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(service))
        .execute();
  }

  @Override
  public void delete(Tx tx, String sid) {
    services.forget(tx);
    SqlTx.of(tx).createUpdate("DELETE FROM services WHERE sid = :sid").bind("sid", sid).execute();
  }
}
