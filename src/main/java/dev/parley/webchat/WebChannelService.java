package dev.parley.webchat;

import dev.parley.conversation.ConversationChanges;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationState;
import dev.parley.conversation.ConversationWebhooks;
import dev.parley.conversation.NewConversation;
import dev.parley.conversation.NewConversationWebhook;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.Scope;
import dev.parley.conversation.Timers;
import dev.parley.conversation.UserService;
import dev.parley.conversation.WebhookMethod;
import dev.parley.conversation.WebhookTarget;
import dev.parley.error.ApiException;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.ConversationSid;
import dev.parley.ids.ServiceSid;
import dev.parley.json.Attributes;
import dev.parley.store.ConversationRecord;
import dev.parley.store.FlexFlowRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import dev.parley.store.WebChannelRecord;
import java.util.List;

/**
 * Legacy Flex v1 web channels. Twilio "orchestrates the Chat engagement and Chat Channel, connects
 * the Integration Type, and places the User into the Chat Channel"; in Parley the chat channel is a
 * conversation in the Flex Flow's service, and all of it happens in one transaction.
 */
public final class WebChannelService {
  private final Store store;
  private final FlexFlowService flows;
  private final UserService users;
  private final ConversationService conversations;
  private final ParticipantService participants;
  private final ConversationWebhooks webhooks;

  public WebChannelService(
      Store store,
      FlexFlowService flows,
      UserService users,
      ConversationService conversations,
      ParticipantService participants,
      ConversationWebhooks webhooks) {
    this.store = store;
    this.flows = flows;
    this.users = users;
    this.conversations = conversations;
    this.participants = participants;
    this.webhooks = webhooks;
  }

  /**
   * Opens a web channel: the visitor's user (created with {@code customerFriendlyName} unless the
   * identity already has one), a conversation carrying the legacy channel attributes, the visitor
   * as its chat participant, and the webhook the flow's integration calls for.
   */
  public WebChannelRecord create(AccountSid account, NewWebChannel request) {
    return store.write(
        tx -> {
          FlexFlowRecord flow = usableFlow(tx, account, request.flexFlowSid());
          Scope scope = new Scope(account, ServiceSid.of(flow.chatServiceSid()));
          UserRecord user =
              users.findOrCreate(tx, scope, request.identity(), request.customerFriendlyName());
          String attributes =
              LegacyChannelAttributes.initial(
                  flow.longLived(), request.preEngagementData(), request.customerFriendlyName());
          ConversationRecord conversation =
              conversations.create(
                  tx,
                  scope,
                  new NewConversation(
                      request.chatFriendlyName(),
                      request.chatUniqueName(),
                      null,
                      null,
                      null,
                      Attributes.trusted(attributes),
                      null,
                      Timers.NONE,
                      "{}"));
          participants.addChat(tx, scope, conversation, user, null);
          connectIntegration(tx, conversation, flow);
          WebChannelRecord channel =
              new WebChannelRecord(
                  conversation.sid(),
                  account.value(),
                  flow.sid(),
                  conversation.serviceSid(),
                  conversation.dateCreated(),
                  conversation.dateCreated());
          store.webChannels().insert(tx, channel);
          return channel;
        });
  }

  public WebChannelRecord find(AccountSid account, String sid) {
    return store.read(tx -> find(tx, account, sid));
  }

  public Slice<WebChannelRecord> page(AccountSid account, PageRequest page) {
    return store.read(tx -> store.webChannels().page(tx, account.value(), page));
  }

  /**
   * Ends the chat ({@code inactive}: the conversation goes inactive and its legacy status becomes
   * INACTIVE) and/or keeps the post-engagement data in the conversation's attributes.
   */
  public WebChannelRecord update(AccountSid account, String sid, WebChannelChanges changes) {
    return store.write(
        tx -> {
          WebChannelRecord channel = find(tx, account, sid);
          if (changes.isEmpty()) {
            return channel;
          }
          Scope scope = new Scope(account, ServiceSid.of(channel.chatServiceSid()));
          ConversationRecord current = conversations.findOpen(tx, scope, ConversationRef.of(sid));
          ConversationRecord updated =
              conversations.update(
                  tx,
                  scope,
                  ConversationRef.of(sid),
                  new ConversationChanges(
                      null,
                      null,
                      null,
                      null,
                      null,
                      Attributes.trusted(
                          LegacyChannelAttributes.changed(
                              current.attributes(),
                              changes.inactive(),
                              changes.postEngagementData())),
                      changes.inactive() ? ConversationState.INACTIVE : null,
                      null,
                      null));
          store.webChannels().touch(tx, sid, updated.dateUpdated());
          return new WebChannelRecord(
              channel.sid(),
              channel.accountSid(),
              channel.flexFlowSid(),
              channel.chatServiceSid(),
              channel.dateCreated(),
              updated.dateUpdated());
        });
  }

  /** Removes the web channel and its conversation, with everything the conversation holds. */
  public void delete(AccountSid account, String sid) {
    store.write(
        tx -> {
          WebChannelRecord channel = find(tx, account, sid);
          store.webChannels().delete(tx, channel.sid());
          conversations.delete(
              tx,
              new Scope(account, ServiceSid.of(channel.chatServiceSid())),
              new ConversationSid(channel.sid()));
          return null;
        });
  }

  private WebChannelRecord find(Tx tx, AccountSid account, String sid) {
    return store.webChannels().find(tx, account.value(), sid).orElseThrow(ApiException::notFound);
  }

  /**
   * The account's flow (404 otherwise), if it is enabled, for web, and its service still exists.
   */
  private FlexFlowRecord usableFlow(Tx tx, AccountSid account, String flowSid) {
    FlexFlowRecord flow = flows.named(tx, account, flowSid);
    if (!flow.enabled()) {
      throw ApiException.invalid("FlexFlowSid", "Flex Flow " + flowSid + " is disabled");
    }
    if (!"web".equals(flow.channelType())) {
      throw ApiException.invalid(
          "FlexFlowSid",
          "Flex Flow " + flowSid + " has channel type " + flow.channelType() + ", not web");
    }
    if (store.services().find(tx, account.value(), flow.chatServiceSid()).isEmpty()) {
      throw ApiException.invalid(
          "FlexFlowSid",
          "the Conversation Service "
              + flow.chatServiceSid()
              + " of Flex Flow "
              + flowSid
              + " no longer exists");
    }
    return flow;
  }

  /**
   * The conversation-scoped webhook the flow's integration implies: a Studio flow runs on the
   * conversation; an external integration hears each new message; a task integration has no hook.
   */
  private void connectIntegration(Tx tx, ConversationRecord conversation, FlexFlowRecord flow) {
    FlexIntegration integration = FlexIntegration.parse(flow.integration());
    NewConversationWebhook webhook =
        switch (flow.integrationType() == null ? "" : flow.integrationType()) {
          case "studio" ->
              new NewConversationWebhook(
                  WebhookTarget.STUDIO, null, null, null, null, integration.flowSid(), null);
          case "external" ->
              new NewConversationWebhook(
                  WebhookTarget.WEBHOOK,
                  integration.url(),
                  WebhookMethod.POST,
                  List.of("onMessageAdded"),
                  null,
                  null,
                  null);
          default -> null;
        };
    if (webhook != null) {
      webhooks.createOnNew(tx, conversation, webhook);
    }
  }
}
