package dev.parley.store.sql;

import dev.parley.store.AccountStore;
import dev.parley.store.AddressStore;
import dev.parley.store.AgentStore;
import dev.parley.store.ApiKeyStore;
import dev.parley.store.CannedResponseStore;
import dev.parley.store.ConsoleQueueStore;
import dev.parley.store.ConsoleSessionStore;
import dev.parley.store.ConversationStore;
import dev.parley.store.ConversationWebhookStore;
import dev.parley.store.DeliveryReceiptStore;
import dev.parley.store.DeliveryStore;
import dev.parley.store.EventStore;
import dev.parley.store.FlexFlowStore;
import dev.parley.store.MediaStore;
import dev.parley.store.MembershipStore;
import dev.parley.store.MessageStore;
import dev.parley.store.ParticipantStore;
import dev.parley.store.RoleStore;
import dev.parley.store.ServiceStore;
import dev.parley.store.Store;
import dev.parley.store.StudioStore;
import dev.parley.store.SyncStore;
import dev.parley.store.UserStore;
import dev.parley.store.WebChannelStore;
import dev.parley.store.WebchatDeploymentStore;

/**
 * What the SQL stores share: one implementation of each table's store, the same SQL text on every
 * engine. Subclasses decide how transactions run.
 */
abstract class SqlStore implements Store {
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
  private final StudioStore studio = new SqlStudio();
  private final WebChannelStore webChannels = new SqlWebChannels();
  private final MessageStore messages = new SqlMessages();
  private final DeliveryReceiptStore deliveryReceipts = new SqlDeliveryReceipts();
  private final EventStore events = new SqlEvents();
  private final DeliveryStore deliveries = new SqlDeliveries();
  private final WebchatDeploymentStore webchatDeployments = new SqlWebchatDeployments();
  private final SyncStore sync = new SqlSync();
  private final AgentStore agents = new SqlAgents();
  private final ConsoleSessionStore consoleSessions = new SqlConsoleSessions();
  private final ConsoleQueueStore consoleQueue = new SqlConsoleQueue();
  private final MediaStore media = new SqlMedia();
  private final CannedResponseStore cannedResponses = new SqlCannedResponses();

  @Override
  public CannedResponseStore cannedResponses() {
    return cannedResponses;
  }

  @Override
  public MediaStore media() {
    return media;
  }

  @Override
  public AgentStore agents() {
    return agents;
  }

  @Override
  public ConsoleSessionStore consoleSessions() {
    return consoleSessions;
  }

  @Override
  public ConsoleQueueStore consoleQueue() {
    return consoleQueue;
  }

  @Override
  public SyncStore sync() {
    return sync;
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
  public StudioStore studio() {
    return studio;
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
}
