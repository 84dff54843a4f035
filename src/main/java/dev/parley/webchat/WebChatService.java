package dev.parley.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.AddressConfigurations;
import dev.parley.conversation.AutoCreationType;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationState;
import dev.parley.conversation.ConversationWebhooks;
import dev.parley.conversation.NewConversation;
import dev.parley.conversation.NewConversationWebhook;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.Scope;
import dev.parley.conversation.UserChanges;
import dev.parley.conversation.UserService;
import dev.parley.conversation.WebhookMethod;
import dev.parley.conversation.WebhookTarget;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ServiceSid;
import dev.parley.ids.UserRef;
import dev.parley.json.Attributes;
import dev.parley.json.Json;
import dev.parley.store.AddressRecord;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestration behind Flex {@code POST /v2/WebChats}: from a chat address configuration, one
 * transaction creates (or reuses) the visitor's user, the conversation, the visitor's participant
 * and the conversation-scoped webhook the address's auto-creation settings describe. A failure at
 * any step leaves nothing behind.
 */
public final class WebChatService {
  private static final Logger log = LoggerFactory.getLogger(WebChatService.class);
  private static final ObjectMapper JSON = Json.MAPPER;

  /** What a webhook-type address hears when it names no filters: the visitor's messages. */
  private static final List<String> DEFAULT_FILTERS = List.of("onMessageAdded");

  private final Store store;
  private final AddressConfigurations addresses;
  private final UserService users;
  private final ConversationService conversations;
  private final ParticipantService participants;
  private final ConversationWebhooks webhooks;
  private final Supplier<String> identities;

  public WebChatService(
      Store store,
      AddressConfigurations addresses,
      UserService users,
      ConversationService conversations,
      ParticipantService participants,
      ConversationWebhooks webhooks,
      Supplier<String> identities) {
    this.store = store;
    this.addresses = addresses;
    this.users = users;
    this.conversations = conversations;
    this.participants = participants;
    this.webhooks = webhooks;
    this.identities = identities;
  }

  public WebChat create(AccountSid account, WebChatRequest request) {
    WebChat chat = store.write(tx -> create(tx, account, request));
    log.debug(
        "event=webchat_created conversation_sid={} address_sid={} ui_version={}",
        chat.conversationSid(),
        request.addressSid(),
        request.uiVersion());
    return chat;
  }

  /** The orchestration inside a caller's transaction (Webchat 3's init runs it too). */
  public WebChat create(Tx tx, AccountSid account, WebChatRequest request) {
    AddressRecord address =
        addresses
            .resolve(tx, account, request.addressSid())
            .orElseThrow(
                () -> new ApiException(TwilioError.ADDRESS_NOT_FOUND, request.addressSid()));
    NewConversationWebhook webhook = webhookFor(address);
    Scope scope = new Scope(account, ServiceSid.of(serviceOf(tx, address)), request.origin());
    UserRecord user =
        request.identity() != null
            ? users.findOrCreate(tx, scope, request.identity(), request.customerFriendlyName())
            : users.createUnique(tx, scope, identities.get(), request.customerFriendlyName());
    String identity = user.identity();
    if (request.customerFriendlyName() != null
        && !request.customerFriendlyName().equals(user.friendlyName())) {
      // A returning visitor may give another name; agents should see the current one.
      users.update(
          tx,
          scope,
          new UserRef.Identity(identity),
          new UserChanges(request.customerFriendlyName(), null, null));
    }
    ConversationRecord conversation =
        conversations.create(
            tx,
            scope,
            NewConversation.named(
                request.chatFriendlyName(), Attributes.trusted(attributes(request))));
    if (webhook != null) {
      // Attached before the visitor joins, so an address that filters on onParticipantAdded
      // hears it (when the request asks for webhooks).
      webhooks.createOnNew(tx, conversation, webhook);
    }
    // Participant webhooks and the SDK's participant (what agents see) say it too.
    participants.addChat(
        tx,
        scope,
        conversation,
        user,
        request.identityVerified() == null
            ? Attributes.EMPTY
            : Attributes.trusted("{\"identity_verified\":" + request.identityVerified() + "}"));
    return new WebChat(conversation.sid(), conversation.serviceSid(), identity);
  }

  /**
   * The newest conversation that {@code identity} takes part in, not closed (active or inactive),
   * in the Conversation Service that {@code addressSid}'s chats are created in: what a verified
   * visitor's init continues instead of creating one. Empty when the address cannot be resolved
   * (the create then answers its error).
   */
  public Optional<WebChat> open(Tx tx, AccountSid account, String addressSid, String identity) {
    Optional<AddressRecord> address = addresses.resolve(tx, account, addressSid);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    String service = serviceOf(tx, address.get());
    ConversationRecord newest = null;
    Comparator<ConversationRecord> age =
        Comparator.comparing(ConversationRecord::dateCreated)
            .thenComparing(ConversationRecord::sid);
    PageRequest page = PageRequest.first(100);
    while (page != null) {
      Slice<MembershipRecord> slice = store.memberships().byIdentity(tx, service, identity, page);
      for (MembershipRecord m : slice.items()) {
        ConversationRecord c = m.conversation();
        if (ConversationState.of(c) != ConversationState.CLOSED
            && (newest == null || age.compare(c, newest) > 0)) {
          newest = c;
        }
      }
      page = slice.next() == null ? null : new PageRequest(100, slice.next());
    }
    return Optional.ofNullable(newest).map(c -> new WebChat(c.sid(), c.serviceSid(), identity));
  }

  /**
   * The conversation-scoped webhook an address's auto-creation asks for, or null for {@code
   * default} (Flex's own routing). Twilio errors 45760–45764 when the settings cannot be used.
   */
  private static NewConversationWebhook webhookFor(AddressRecord address) {
    if (!"chat".equalsIgnoreCase(address.type())) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER,
          "AddressSid "
              + address.sid()
              + " is a "
              + address.type()
              + " address, not a chat address");
    }
    if (!address.autoCreationEnabled()) {
      throw new ApiException(TwilioError.AUTO_CREATION_DISABLED, address.sid());
    }
    if (address.autoCreationType() == null) {
      throw new ApiException(TwilioError.AUTO_CREATION_MISSING, address.sid());
    }
    AutoCreationType type = AutoCreationType.fromWire(address.autoCreationType());
    if (type == null) {
      throw new ApiException(TwilioError.AUTO_CREATION_TYPE_INVALID, address.sid());
    }
    switch (type) {
      case DEFAULT:
        return null;
      case STUDIO:
        if (address.studioFlowSid() == null) {
          throw new ApiException(TwilioError.AUTO_CREATION_TYPE_INVALID, address.sid());
        }
        return new NewConversationWebhook(
            WebhookTarget.STUDIO, null, null, null, null, address.studioFlowSid(), null);
      case WEBHOOK:
        if (address.webhookUrl() == null) {
          throw new ApiException(TwilioError.AUTO_CREATION_WEBHOOK_URL_MISSING, address.sid());
        }
        List<String> filters = filters(address.webhookFilters());
        return new NewConversationWebhook(
            WebhookTarget.WEBHOOK,
            address.webhookUrl(),
            address.webhookMethod() == null
                ? WebhookMethod.POST
                : WebhookMethod.fromWire(address.webhookMethod()),
            filters.isEmpty() ? DEFAULT_FILTERS : filters,
            null,
            null,
            null);
      default:
        throw new ApiException(TwilioError.AUTO_CREATION_TYPE_INVALID, address.sid());
    }
  }

  private String serviceOf(Tx tx, AddressRecord address) {
    if (address.autoCreationServiceSid() != null) {
      return address.autoCreationServiceSid();
    }
    return store
        .accounts()
        .configuration(tx, address.accountSid())
        .orElseThrow(
            () ->
                new ApiException(TwilioError.WEBCHAT_NOT_FOUND, "No default Conversation Service"))
        .defaultChatServiceSid();
  }

  /**
   * The conversation's attributes: {@code pre_engagement_data} as a JSON object (what the demo app
   * and Studio's "Send to Flex" read), plus the legacy web-channel keys {@code from} (the
   * customer's name, which Flex shows for the task) and {@code channel_type: "web"}.
   */
  private static String attributes(WebChatRequest request) {
    try {
      ObjectNode attributes = JSON.createObjectNode();
      JsonNode preEngagement =
          request.preEngagementData() == null
              ? JSON.createObjectNode()
              : JSON.readTree(request.preEngagementData());
      attributes.set("pre_engagement_data", preEngagement);
      if (request.customerFriendlyName() != null) {
        attributes.put("from", request.customerFriendlyName());
      }
      attributes.put("channel_type", "web");
      if (request.identityVerified() != null) {
        attributes.put("identity_verified", request.identityVerified());
      }
      return JSON.writeValueAsString(attributes);
    } catch (Exception e) {
      throw new ApiException(
          TwilioError.WEBCHAT_INVALID_PARAMETER, "PreEngagementData must be valid JSON");
    }
  }

  private static List<String> filters(String json) {
    List<String> filters = new ArrayList<>();
    try {
      JSON.readTree(json == null ? "[]" : json).forEach(node -> filters.add(node.asText()));
    } catch (Exception e) {
      throw new IllegalStateException("stored webhook filters are not JSON", e);
    }
    return filters;
  }
}
