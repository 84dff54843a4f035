package dev.parley.store;

import java.util.function.Function;

/** The storage seam: every read and write of Parley's state goes through one of these. */
public interface Store extends AutoCloseable {

  /**
   * Runs {@code work} in one write transaction and returns its result once the transaction is
   * durably committed. An exception thrown by {@code work} rolls back everything it wrote and is
   * rethrown unchanged.
   */
  <T> T write(Function<Tx, T> work);

  /**
   * As {@link #write(Function)}, for {@code work} that takes the message index {@code wanted} first
   * ({@link ConversationStore#takeMessageIndex}): a store may take the indexes of several such
   * writes at once, before they run (PostgreSQL, docs/architecture.md).
   */
  default <T> T write(ConversationStore.IndexWanted wanted, Function<Tx, T> work) {
    return write(work);
  }

  /** Runs {@code work} in a read-only transaction that sees one consistent snapshot. */
  <T> T read(Function<Tx, T> work);

  /**
   * Runs {@code work}, which reads with one statement, as {@link #read} would, or cheaper: one
   * statement sees one snapshot with no transaction around it (on PostgreSQL one round trip, not
   * three). For the lookups that start a request, such as which service it is about.
   */
  default <T> T readOne(Function<Tx, T> work) {
    return read(work);
  }

  AccountStore accounts();

  ApiKeyStore apiKeys();

  ServiceStore services();

  ConversationStore conversations();

  RoleStore roles();

  AddressStore addresses();

  ConversationWebhookStore conversationWebhooks();

  UserStore users();

  ParticipantStore participants();

  MembershipStore memberships();

  FlexFlowStore flexFlows();

  WebChannelStore webChannels();

  /** Studio flows, revisions, executions and steps (docs/studio.md). */
  StudioStore studio();

  MessageStore messages();

  DeliveryReceiptStore deliveryReceipts();

  EventStore events();

  DeliveryStore deliveries();

  WebchatDeploymentStore webchatDeployments();

  /** Console agents (docs/console.md), their log-ins and their views of the web chats. */
  AgentStore agents();

  ConsoleSessionStore consoleSessions();

  ConsoleQueueStore consoleQueue();

  /** The accounts' saved replies for the console (docs/console.md). */
  CannedResponseStore cannedResponses();

  /** The metadata of uploaded media (docs/media.md). */
  MediaStore media();

  /** The bytes of uploaded media, kept where this store keeps them. */
  MediaContent mediaContent();

  /** Messages to every node on this store, sent as transactions commit. */
  Broadcasts broadcasts();

  /** The realtime SDK's Sync objects: a projection of the tables above. */
  SyncStore sync();

  @Override
  void close();
}
