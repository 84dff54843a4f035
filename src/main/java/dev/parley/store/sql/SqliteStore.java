package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.store.AccountStore;
import dev.parley.store.AddressStore;
import dev.parley.store.ApiKeyStore;
import dev.parley.store.ConversationStore;
import dev.parley.store.ConversationWebhookStore;
import dev.parley.store.DeliveryReceiptStore;
import dev.parley.store.DeliveryStore;
import dev.parley.store.EventStore;
import dev.parley.store.FlexFlowStore;
import dev.parley.store.MembershipStore;
import dev.parley.store.MessageStore;
import dev.parley.store.ParticipantStore;
import dev.parley.store.RoleStore;
import dev.parley.store.ServiceStore;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserStore;
import dev.parley.store.WebChannelStore;
import dev.parley.store.WebchatDeploymentStore;
import java.nio.file.Path;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode. Writes go through a {@link GroupCommitWriter};
 * reads use a small pool of read-only connections that WAL lets run beside the writer.
 */
public final class SqliteStore implements Store {
  private final HikariDataSource readers;
  private final GroupCommitWriter writer;
  private final Jdbi readJdbi;
  private final AccountStore accounts = new SqlAccounts();
  private final ApiKeyStore apiKeys = new SqlApiKeys();
  private final ServiceStore services = new SqlServices();
  private final ConversationStore conversations = new SqlConversations();
  private final RoleStore roles = new SqlRoles();
  private final AddressStore addresses = new SqlAddresses();
  private final ConversationWebhookStore conversationWebhooks = new SqlConversationWebhooks();
  private final UserStore users = new SqlUsers();
  private final ParticipantStore participants = new SqlParticipants();
  private final MembershipStore memberships = new SqlMemberships();
  private final FlexFlowStore flexFlows = new SqlFlexFlows();
  private final WebChannelStore webChannels = new SqlWebChannels();
  private final MessageStore messages = new SqlMessages();
  private final DeliveryReceiptStore deliveryReceipts = new SqlDeliveryReceipts();
  private final EventStore events = new SqlEvents();
  private final DeliveryStore deliveries = new SqlDeliveries();
  private final WebchatDeploymentStore webchatDeployments = new SqlWebchatDeployments();

  private SqliteStore(SQLiteDataSource writeSource, HikariDataSource readers) {
    this.readers = readers;
    this.readJdbi = Jdbis.create(readers);
    this.writer =
        new GroupCommitWriter(
            Jdbis.create(writeSource)
                .setStatementBuilderFactory(c -> new CachingStatementBuilder()));
  }

  /** Opens (creating and migrating when needed) the store in {@code file}. */
  public static SqliteStore open(Path file) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    SQLiteDataSource writeSource = new SQLiteDataSource(config(false));
    writeSource.setUrl(url);
    Migrations.apply(writeSource, "db/migration/sqlite");
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(url);
    pool.setMaximumPoolSize(4);
    pool.setPoolName("parley-sqlite-readers");
    pool.setReadOnly(true);
    pool.setDataSourceProperties(config(true).toProperties());
    return new SqliteStore(writeSource, new HikariDataSource(pool));
  }

  private static SQLiteConfig config(boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a commit is on disk before the caller hears of it. The group commit pays for it.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setReadOnly(readOnly);
    config.setTransactionMode(
        readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
    return config;
  }

  @Override
  public <T> T write(Function<Tx, T> work) {
    return writer.submit(work);
  }

  @Override
  public <T> T read(Function<Tx, T> work) {
    return readJdbi.inTransaction(handle -> work.apply(new SqlTx(handle)));
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public ServiceStore services() {
    return services;
  }

  @Override
  public ConversationStore conversations() {
    return conversations;
  }

  @Override
  public RoleStore roles() {
    return roles;
  }

  @Override
  public AddressStore addresses() {
    return addresses;
  }

  @Override
  public ConversationWebhookStore conversationWebhooks() {
    return conversationWebhooks;
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public ParticipantStore participants() {
    return participants;
  }

  @Override
  public MembershipStore memberships() {
    return memberships;
  }

  @Override
  public FlexFlowStore flexFlows() {
    return flexFlows;
  }

  @Override
  public WebChannelStore webChannels() {
    return webChannels;
  }

  @Override
  public MessageStore messages() {
    return messages;
  }

  @Override
  public DeliveryReceiptStore deliveryReceipts() {
    return deliveryReceipts;
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public DeliveryStore deliveries() {
    return deliveries;
  }

  @Override
  public WebchatDeploymentStore webchatDeployments() {
    return webchatDeployments;
  }

  @Override
  public void close() {
    writer.close();
    readers.close();
  }
}
