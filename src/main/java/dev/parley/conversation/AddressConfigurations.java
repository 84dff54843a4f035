package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.WebhookUrlCheck;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.AddressRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Address configurations: which conversations an inbound address (a phone number, a chat address)
 * creates, and where they are handed to. {@code sidOrAddress} accepts the {@code IG…} SID or the
 * address itself, as Twilio's path does.
 */
public final class AddressConfigurations {
  /** The address of the chat address every new account starts with. */
  public static final String DEFAULT_CHAT_ADDRESS = "parley:default-chat";

  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final WebhookUrlCheck urls;

  public AddressConfigurations(Store store, Clock clock, SidGenerator sids, WebhookUrlCheck urls) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.urls = urls;
  }

  /** Creates one; 409 when the account already configures that address. */
  public AddressRecord create(AccountSid account, NewAddress request) {
    urls.vet("AutoCreation.WebhookUrl", request.autoCreation().webhookUrl());
    return store.write(tx -> create(tx, account, request));
  }

  private AddressRecord create(Tx tx, AccountSid account, NewAddress request) {
    AutoCreationChanges auto = request.autoCreation();
    checkService(tx, account, auto.conversationServiceSid());
    if (store.addresses().addressTaken(tx, account.value(), request.address())) {
      throw new ApiException(TwilioError.ADDRESS_EXISTS, request.address());
    }
    Instant now = clock.instant();
    AddressRecord address =
        new AddressRecord(
            sids.next(SidPrefix.ADDRESS),
            account.value(),
            request.type(),
            request.address(),
            request.friendlyName(),
            request.addressCountry(),
            Boolean.TRUE.equals(auto.enabled()),
            auto.type() == null ? null : auto.type().wire(),
            auto.conversationServiceSid(),
            auto.webhookUrl(),
            (auto.webhookMethod() == null ? WebhookMethod.POST : auto.webhookMethod()).name(),
            JsonLists.write(auto.webhookFilters() == null ? List.of() : auto.webhookFilters()),
            auto.studioFlowSid(),
            auto.studioRetryCount(),
            now,
            now);
    store.addresses().insert(tx, address);
    return address;
  }

  /**
   * The chat address a new Flex account has out of the box: type {@code chat}, auto-creation on,
   * with no webhook or flow of its own ({@code default}). Its service is left unset, which Twilio
   * defines as "the default service", so it follows {@code /v1/Configuration} when that changes.
   */
  public AddressRecord createDefaultChat(Tx tx, AccountSid account) {
    return create(
        tx,
        account,
        new NewAddress(
            "chat",
            DEFAULT_CHAT_ADDRESS,
            "Default Chat Address",
            null,
            new AutoCreationChanges(
                true, AutoCreationType.DEFAULT, null, null, null, null, null, null)));
  }

  /**
   * Points the account's default chat address at a Studio flow ({@code studio}), when it is still
   * as the first start made it ({@code default}, no flow): false when it is gone or was changed.
   */
  public boolean pointDefaultChatAt(Tx tx, AccountSid account, String flowSid) {
    Optional<AddressRecord> found =
        store
            .addresses()
            .find(tx, account.value(), DEFAULT_CHAT_ADDRESS)
            .filter(a -> AutoCreationType.DEFAULT.wire().equals(a.autoCreationType()));
    if (found.isEmpty()) {
      return false;
    }
    AddressRecord a = found.get();
    store
        .addresses()
        .update(
            tx,
            new AddressRecord(
                a.sid(),
                a.accountSid(),
                a.type(),
                a.address(),
                a.friendlyName(),
                a.addressCountry(),
                a.autoCreationEnabled(),
                AutoCreationType.STUDIO.wire(),
                a.autoCreationServiceSid(),
                a.webhookUrl(),
                a.webhookMethod(),
                a.webhookFilters(),
                flowSid,
                a.studioRetryCount(),
                a.dateCreated(),
                clock.instant()));
    return true;
  }

  public AddressRecord find(AccountSid account, String sidOrAddress) {
    return store.read(tx -> find(tx, account, sidOrAddress));
  }

  private AddressRecord find(Tx tx, AccountSid account, String sidOrAddress) {
    return store
        .addresses()
        .find(tx, account.value(), sidOrAddress)
        .orElseThrow(ApiException::notFound);
  }

  /**
   * The account's address configuration with SID {@code sid}, if any: for the web chat
   * orchestration, which answers a missing one with its own error (Flex 45765).
   */
  public Optional<AddressRecord> resolve(Tx tx, AccountSid account, String sid) {
    return store.addresses().find(tx, account.value(), sid).filter(a -> a.sid().equals(sid));
  }

  /** One page; {@code type} (any case) filters, or null for every type. */
  public Slice<AddressRecord> page(AccountSid account, String type, PageRequest page) {
    return store.read(tx -> store.addresses().page(tx, account.value(), type, page));
  }

  public AddressRecord update(AccountSid account, String sidOrAddress, AddressChanges changes) {
    urls.vet("AutoCreation.WebhookUrl", changes.autoCreation().webhookUrl());
    return store.write(
        tx -> {
          AddressRecord a = find(tx, account, sidOrAddress);
          AutoCreationChanges auto = changes.autoCreation();
          checkService(tx, account, auto.conversationServiceSid());
          AddressRecord updated =
              new AddressRecord(
                  a.sid(),
                  a.accountSid(),
                  a.type(),
                  a.address(),
                  or(changes.friendlyName(), a.friendlyName()),
                  a.addressCountry(),
                  or(auto.enabled(), a.autoCreationEnabled()),
                  auto.type() == null ? a.autoCreationType() : auto.type().wire(),
                  or(auto.conversationServiceSid(), a.autoCreationServiceSid()),
                  or(auto.webhookUrl(), a.webhookUrl()),
                  auto.webhookMethod() == null ? a.webhookMethod() : auto.webhookMethod().name(),
                  auto.webhookFilters() == null
                      ? a.webhookFilters()
                      : JsonLists.write(auto.webhookFilters()),
                  or(auto.studioFlowSid(), a.studioFlowSid()),
                  or(auto.studioRetryCount(), a.studioRetryCount()),
                  a.dateCreated(),
                  clock.instant());
          store.addresses().update(tx, updated);
          return updated;
        });
  }

  public void delete(AccountSid account, String sidOrAddress) {
    store.write(
        tx -> {
          store.addresses().delete(tx, find(tx, account, sidOrAddress).sid());
          return null;
        });
  }

  private void checkService(Tx tx, AccountSid account, String serviceSid) {
    if (serviceSid != null && store.services().find(tx, account.value(), serviceSid).isEmpty()) {
      throw ApiException.invalid(
          "AutoCreation.ConversationServiceSid",
          serviceSid + " is not a Conversation Service of this account");
    }
  }
}
