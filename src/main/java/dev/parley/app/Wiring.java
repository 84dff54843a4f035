package dev.parley.app;

import dev.parley.agents.AgentService;
import dev.parley.agents.AgentTokens;
import dev.parley.agents.CannedResponses;
import dev.parley.agents.ChatFlows;
import dev.parley.agents.ConsoleChats;
import dev.parley.agents.ConsoleSessions;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.AccountService;
import dev.parley.auth.ApiKeyService;
import dev.parley.auth.Authenticator;
import dev.parley.auth.InternalKeys;
import dev.parley.auth.SecretBox;
import dev.parley.conversation.AccountConfiguration;
import dev.parley.conversation.AddressConfigurations;
import dev.parley.conversation.ChangeEvents;
import dev.parley.conversation.ConversationAccess;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationWebhooks;
import dev.parley.conversation.ConversationWithParticipantsService;
import dev.parley.conversation.DeliveryReceiptService;
import dev.parley.conversation.MembershipService;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.PreActions;
import dev.parley.conversation.RoleService;
import dev.parley.conversation.ServiceConfiguration;
import dev.parley.conversation.ServiceDirectory;
import dev.parley.conversation.UserService;
import dev.parley.events.EventLog;
import dev.parley.http.PublicUrl;
import dev.parley.ids.AccountSid;
import dev.parley.ids.RandomSids;
import dev.parley.media.MediaLimits;
import dev.parley.media.MediaService;
import dev.parley.media.MediaUrls;
import dev.parley.realtime.GuestTokens;
import dev.parley.realtime.Presence;
import dev.parley.realtime.RealtimeUpstream;
import dev.parley.realtime.client.ClientApi;
import dev.parley.realtime.sync.Sync;
import dev.parley.store.Store;
import dev.parley.studio.Studio;
import dev.parley.webchat.FlexFlowService;
import dev.parley.webchat.GuestKeys;
import dev.parley.webchat.WebChannelService;
import dev.parley.webchat.WebChatService;
import dev.parley.webchat.WebchatDeployments;
import dev.parley.webchat.WebchatGuests;
import dev.parley.webhooks.DeliveryEngine;
import dev.parley.webhooks.DeliveryHistory;
import dev.parley.webhooks.DeliveryPlanner;
import dev.parley.webhooks.DeliverySettings;
import dev.parley.webhooks.FlowCalls;
import dev.parley.webhooks.OutboundRule;
import dev.parley.webhooks.PreActionWebhooks;
import java.time.Clock;
import java.util.List;

/** The domain services, wired once on one store for {@code main} and tests alike. */
record Wiring(
    AccountService accounts,
    ApiKeyService apiKeys,
    Authenticator authenticator,
    ServiceDirectory directory,
    ConversationService conversations,
    UserService users,
    ParticipantService participants,
    MembershipService memberships,
    ConversationWithParticipantsService conversationsWithParticipants,
    FlexFlowService flexFlows,
    Studio studio,
    MessageService messages,
    DeliveryReceiptService deliveryReceipts,
    RoleService roles,
    AccountConfiguration configuration,
    ServiceConfiguration serviceConfiguration,
    AddressConfigurations addresses,
    ConversationWebhooks conversationWebhooks,
    WebChatService webChats,
    WebChannelService webChannels,
    AccessTokens accessTokens,
    ConversationAccess conversationAccess,
    WebchatDeployments webchatDeployments,
    WebchatGuests webchatGuests,
    EventLog events,
    DeliveryEngine deliveries,
    DeliveryHistory deliveryHistory,
    Sync sync,
    RealtimeUpstream realtime,
    Console console,
    MediaService media,
    MediaUrls mediaUrls) {

  /** The agent console's services (docs/console.md). */
  record Console(
      AgentService agents,
      ConsoleSessions sessions,
      AgentTokens tokens,
      ConsoleChats chats,
      CannedResponses canned,
      ChatFlows flows) {}

  /** Builds every domain service on {@code store}. */
  static Wiring wire(
      Store store,
      Clock clock,
      RandomSids sids,
      SecretBox box,
      DeliverySettings webhooks,
      PublicUrl publicUrl,
      OutboundRule outbound,
      MediaLimits mediaLimits) {
    Authenticator authenticator = new Authenticator(store, box);
    ServiceDirectory directory = new ServiceDirectory(store, clock, sids);
    AccountService accounts =
        new AccountService(
            store,
            clock,
            box,
            sids,
            (tx, account) -> directory.setUpAccount(tx, new AccountSid(account)),
            authenticator);
    DeliveryEngine deliveries = new DeliveryEngine(store, clock, accounts, webhooks, outbound);
    EventLog events = new EventLog(store, clock);
    events.listen(new DeliveryPlanner(store, clock, sids, deliveries::nudge));
    ChangeEvents changes = new ChangeEvents(events);
    PreActions pre = new PreActions(new PreActionWebhooks(store, accounts, deliveries));
    ConversationService conversations = new ConversationService(store, clock, sids, changes, pre);
    UserService users = new UserService(store, clock, sids, changes, pre);
    ParticipantService participants =
        new ParticipantService(store, clock, sids, conversations, users, changes, pre);
    MediaService media = new MediaService(store, clock, sids, mediaLimits);
    MessageService messages =
        new MessageService(store, clock, sids, conversations, changes, pre, media);
    AddressConfigurations addresses = new AddressConfigurations(store, clock, sids, outbound);
    ConversationWebhooks conversationWebhooks =
        new ConversationWebhooks(store, clock, sids, conversations, outbound);
    FlexFlowService flexFlows = new FlexFlowService(store, clock, sids, outbound);
    WebChatService webChats =
        new WebChatService(
            store,
            addresses,
            users,
            conversations,
            participants,
            conversationWebhooks,
            sids::identity);
    AccessTokens accessTokens = new AccessTokens(authenticator, store, clock);
    InternalKeys internalKeys = new InternalKeys(store, clock, sids, box);
    GuestKeys guestKeys = new GuestKeys(store, internalKeys);
    MembershipService memberships =
        new MembershipService(store, users, conversations, participants);
    GuestTokens guests = new GuestTokens(store, guestKeys::current);
    Sync sync = new Sync(store, clock, sids, events, publicUrl::of);
    Presence presence = new Presence();
    // Last of the event listeners: a flow's reply is heard after the message that caused it.
    Studio studio =
        Studio.wire(
            store,
            clock,
            sids,
            messages,
            events,
            new FlowCalls(deliveries, accounts, publicUrl::base),
            addresses,
            conversationWebhooks);
    ClientApi client =
        new ClientApi(
            store,
            clock,
            publicUrl::of,
            sync.directory(),
            presence,
            new ClientApi.Services(
                conversations, messages, participants, users, memberships, guests, mediaLimits));
    ConsoleChats chats = new ConsoleChats(store, conversations, participants, messages, clock);
    return new Wiring(
        accounts,
        new ApiKeyService(store, clock, box, sids, authenticator),
        authenticator,
        directory,
        conversations,
        users,
        participants,
        memberships,
        new ConversationWithParticipantsService(store, conversations, participants),
        flexFlows,
        studio,
        messages,
        new DeliveryReceiptService(store, messages),
        new RoleService(store, clock, sids),
        new AccountConfiguration(store, outbound),
        new ServiceConfiguration(store, clock, directory, outbound),
        addresses,
        conversationWebhooks,
        webChats,
        new WebChannelService(
            store, flexFlows, users, conversations, participants, conversationWebhooks),
        accessTokens,
        new ConversationAccess(store),
        new WebchatDeployments(store, clock, sids, box, addresses),
        new WebchatGuests(store, webChats, conversations, guestKeys, accessTokens, authenticator),
        events,
        deliveries,
        new DeliveryHistory(store, clock, deliveries::replayed),
        sync,
        new RealtimeUpstream(
            TunnelRoutes.declare(client, sync.api()),
            presence::opened,
            List.of(presence::closed, sync.subscriptions()::closed, client::closed)),
        new Console(
            new AgentService(store, clock, sids, users),
            new ConsoleSessions(store, clock, sids),
            new AgentTokens(store, internalKeys, accessTokens, authenticator),
            chats,
            new CannedResponses(store, clock, sids),
            new ChatFlows(store, chats, accounts)),
        media,
        new MediaUrls(box.derivedKey("parley media URLs v1"), clock));
  }
}
