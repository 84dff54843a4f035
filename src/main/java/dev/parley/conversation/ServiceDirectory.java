package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ConfigurationRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;

/** Conversation Services: which one a request acts on, and making new ones. */
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
  public Scope scope(String accountSid, String serviceSid) {
    return store.read(
        tx -> {
          if (serviceSid == null) {
            String fallback =
                store
                    .accounts()
                    .configuration(tx, accountSid)
                    .orElseThrow(() -> new ApiException(TwilioError.NOT_FOUND, "/v1/Configuration"))
                    .defaultChatServiceSid();
            return new Scope(accountSid, fallback);
          }
          store
              .services()
              .find(tx, accountSid, serviceSid)
              .orElseThrow(
                  () -> new ApiException(TwilioError.NOT_FOUND, "/v1/Services/" + serviceSid));
          return new Scope(accountSid, serviceSid);
        });
  }

  /**
   * Gives a new account what a new Twilio account starts with: its default Conversation Service and
   * its Conversations configuration ({@code /v1/Configuration}), in {@code tx}.
   */
  public void setUpAccount(Tx tx, String accountSid) {
    ServiceRecord service = create(tx, accountSid, "Default Conversation Service");
    store
        .accounts()
        .insertConfiguration(
            tx,
            new ConfigurationRecord(
                accountSid, service.sid(), null, null, null, null, null, "POST", "[]", "webhook"));
  }

  /** Creates a service in {@code tx}. */
  public ServiceRecord create(Tx tx, String accountSid, String friendlyName) {
    Instant now = clock.instant();
    ServiceRecord service =
        new ServiceRecord(
            sids.next(SidPrefix.SERVICE),
            accountSid,
            friendlyName,
            null,
            null,
            null,
            false,
            "{}",
            null,
            null,
            null,
            "[]",
            now,
            now);
    store.services().insert(tx, service);
    return service;
  }
}
