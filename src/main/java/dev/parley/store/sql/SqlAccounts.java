package dev.parley.store.sql;

import dev.parley.store.AccountFilter;
import dev.parley.store.AccountRecord;
import dev.parley.store.AccountStore;
import dev.parley.store.ConfigurationRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlAccounts implements AccountStore {
  private static final RowMapper<AccountRecord> MAPPER = RecordMapper.of(AccountRecord.class);
  private static final Keyset<AccountRecord> BY_SEQ = Keyset.on("seq", false);
  private static final RowMapper<ConfigurationRecord> CONFIGURATION =
      RecordMapper.of(ConfigurationRecord.class);
  private final ReadOnce<ConfigurationRecord> configurations =
      new ReadOnce<>("account_configurations");

  @Override
  public void insert(Tx tx, AccountRecord account) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO accounts (sid, owner_account_sid, friendly_name, status, auth_token,"
                + " date_created, date_updated) VALUES (:sid, :ownerAccountSid, :friendlyName,"
                + " :status, :authToken, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(account))
        .execute();
  }

  @Override
  public Optional<AccountRecord> find(Tx tx, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM accounts WHERE sid = :sid")
        .bind("sid", sid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<AccountRecord> pageFamily(
      Tx tx, String accountSid, AccountFilter filter, PageRequest page) {
    StringBuilder select =
        new StringBuilder(
            "SELECT * FROM accounts WHERE (sid = :account OR owner_account_sid = :account)");
    if (filter.friendlyName() != null) {
      select.append(" AND friendly_name = :friendlyName");
    }
    if (filter.status() != null) {
      select.append(" AND status = :status");
    }
    return BY_SEQ.page(
        SqlTx.of(tx),
        select.toString(),
        q ->
            q.bind("account", accountSid)
                .bind("friendlyName", filter.friendlyName())
                .bind("status", filter.status()),
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, AccountRecord account) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE accounts SET friendly_name = :friendlyName, status = :status,"
                + " auth_token = :authToken, date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(account))
        .execute();
  }

  @Override
  public AccountRecord first(Tx tx) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM accounts WHERE owner_account_sid IS NULL ORDER BY seq LIMIT 1")
        .map(MAPPER)
        .one();
  }

  @Override
  public boolean isEmpty(Tx tx) {
    return SqlTx.of(tx).createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one() == 0;
  }

  @Override
  public void insertConfiguration(Tx tx, ConfigurationRecord configuration) {
    configurations.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO account_configurations (account_sid, default_chat_service_sid,"
                + " default_messaging_service_sid, default_inactive_timer, default_closed_timer,"
                + " pre_webhook_url, post_webhook_url, webhook_method, webhook_filters,"
                + " webhook_target) VALUES (:accountSid, :defaultChatServiceSid,"
                + " :defaultMessagingServiceSid, :defaultInactiveTimer, :defaultClosedTimer,"
                + " :preWebhookUrl, :postWebhookUrl, :webhookMethod, :webhookFilters,"
                + " :webhookTarget)")
        .bindNamedArgumentFinder(RecordArguments.of(configuration))
        .execute();
  }

  @Override
  public Optional<ConfigurationRecord> configuration(Tx tx, String accountSid) {
    return configurations.get(
        tx,
        accountSid,
        () ->
            SqlTx.of(tx)
                .createQuery("SELECT * FROM account_configurations WHERE account_sid = :accountSid")
                .bind("accountSid", accountSid)
                .map(CONFIGURATION)
                .findOne());
  }

  @Override
  public void updateConfiguration(Tx tx, ConfigurationRecord configuration) {
    configurations.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE account_configurations SET default_chat_service_sid = :defaultChatServiceSid,"
                + " default_messaging_service_sid = :defaultMessagingServiceSid,"
                + " default_inactive_timer = :defaultInactiveTimer,"
                + " default_closed_timer = :defaultClosedTimer, pre_webhook_url = :preWebhookUrl,"
                + " post_webhook_url = :postWebhookUrl, webhook_method = :webhookMethod,"
                + " webhook_filters = :webhookFilters, webhook_target = :webhookTarget"
                + " WHERE account_sid = :accountSid")
        .bindNamedArgumentFinder(RecordArguments.of(configuration))
        .execute();
  }
}
