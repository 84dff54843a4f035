package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ServiceSid;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ConfigurationRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.RoleRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Conversation Services: which one a request acts on, making new ones and removing them. */
public final class ServiceDirectory {
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;

  public ServiceDirectory(Store store, Clock clock, SidGenerator sids) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
  }

  /**
   * The scope of a request: the named service of the account (404 when it is not the account's), or
   * the account's default service when {@code serviceSid} is null.
   */
  public Scope scope(AccountSid account, String serviceSid) {
    return store.readOne(
        tx -> {
          if (serviceSid == null) {
            String fallback =
                store
                    .accounts()
                    .configuration(tx, account.value())
                    .orElseThrow(() -> new ApiException(TwilioError.NOT_FOUND, "/Configuration"))
                    .defaultChatServiceSid();
            return new Scope(account, ServiceSid.of(fallback));
          }
          find(tx, account, serviceSid);
          return new Scope(account, ServiceSid.of(serviceSid));
        });
  }

  /**
   * Gives a new account what a new Twilio account starts with: its default Conversation Service and
   * its Conversations configuration ({@code /v1/Configuration}), in {@code tx}.
   */
  public void setUpAccount(Tx tx, AccountSid account) {
    ServiceRecord service = create(tx, account, "Default Conversation Service");
    store
        .accounts()
        .insertConfiguration(
            tx,
            new ConfigurationRecord(
                account.value(),
                service.sid(),
                null,
                null,
                null,
                null,
                null,
                "POST",
                "[]",
                "webhook"));
  }

  public ServiceRecord create(AccountSid account, String friendlyName) {
    return store.write(tx -> create(tx, account, friendlyName));
  }

  /**
   * Creates a service in {@code tx} with Twilio's four default roles, and makes them its default
   * creator, participant and user roles, as a service made in Twilio's console starts.
   */
  public ServiceRecord create(Tx tx, AccountSid account, String friendlyName) {
    Instant now = clock.instant();
    String serviceSid = sids.next(SidPrefix.SERVICE);
    RoleRecord channelAdmin = role(account, serviceSid, Permissions.CHANNEL_ADMIN, now);
    RoleRecord channelUser = role(account, serviceSid, Permissions.CHANNEL_USER, now);
    RoleRecord serviceAdmin = role(account, serviceSid, Permissions.SERVICE_ADMIN, now);
    RoleRecord serviceUser = role(account, serviceSid, Permissions.SERVICE_USER, now);
    ServiceRecord service =
        new ServiceRecord(
            serviceSid,
            account.value(),
            friendlyName,
            channelAdmin.sid(),
            channelUser.sid(),
            serviceUser.sid(),
            false,
            "{}",
            null,
            null,
            null,
            "[]",
            now,
            now);
    store.services().insert(tx, service);
    for (RoleRecord role : List.of(channelAdmin, channelUser, serviceAdmin, serviceUser)) {
      store.roles().insert(tx, role);
    }
    return service;
  }

  private RoleRecord role(
      AccountSid account, String serviceSid, Permissions.DefaultRole role, Instant now) {
    return new RoleRecord(
        sids.next(SidPrefix.ROLE),
        account.value(),
        serviceSid,
        role.friendlyName(),
        role.type().wire(),
        JsonLists.write(role.permissions()),
        now,
        now);
  }

  public ServiceRecord find(AccountSid account, String sid) {
    return store.read(tx -> find(tx, account, sid));
  }

  /** The account's service, or a 404 naming it. */
  public ServiceRecord find(Tx tx, AccountSid account, String sid) {
    return store.services().find(tx, account.value(), sid).orElseThrow(ApiException::notFound);
  }

  public Slice<ServiceRecord> page(AccountSid account, PageRequest page) {
    return store.read(tx -> store.services().page(tx, account.value(), page));
  }

  /**
   * Deletes a service with everything in it (its conversations, users and roles go with it). The
   * account's default service and a service an address configuration creates conversations in are
   * refused with 409, so that neither the short {@code /v1/...} paths nor web chats lose their
   * target.
   */
  public void delete(AccountSid account, String sid) {
    store.write(
        tx -> {
          ServiceRecord service = find(tx, account, sid);
          String defaultSid =
              store
                  .accounts()
                  .configuration(tx, account.value())
                  .orElseThrow()
                  .defaultChatServiceSid();
          if (service.sid().equals(defaultSid)) {
            throw new ApiException(TwilioError.DEFAULT_SERVICE_UNDELETABLE, service.sid());
          }
          store
              .addresses()
              .firstUsingService(tx, service.sid())
              .ifPresent(
                  address -> {
                    throw new ApiException(
                        TwilioError.SERVICE_IN_USE, service.sid(), address.sid());
                  });
          // Its conversations go by cascade; its media to the trash, whose bytes the sweep deletes.
          store.media().trashOfService(tx, service.sid(), clock.instant());
          store.services().delete(tx, service.sid());
          return null;
        });
  }
}
