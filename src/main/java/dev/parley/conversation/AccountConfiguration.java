package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.events.WebhookUrlCheck;
import dev.parley.ids.AccountSid;
import dev.parley.store.ConfigurationRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;

/** An account's Conversations configuration and its global event webhooks. */
public final class AccountConfiguration {
  private final Store store;
  private final WebhookUrlCheck urls;

  public AccountConfiguration(Store store, WebhookUrlCheck urls) {
    this.store = store;
    this.urls = urls;
  }

  public ConfigurationRecord find(AccountSid account) {
    return store.read(tx -> find(tx, account));
  }

  private ConfigurationRecord find(Tx tx, AccountSid account) {
    return store.accounts().configuration(tx, account.value()).orElseThrow(ApiException::notFound);
  }

  /** Applies {@code changes}; a default service must be one of the account's (400 otherwise). */
  public ConfigurationRecord update(AccountSid account, ConfigurationChanges changes) {
    return store.write(
        tx -> {
          ConfigurationRecord c = find(tx, account);
          String service = changes.defaultChatServiceSid();
          if (service != null && store.services().find(tx, account.value(), service).isEmpty()) {
            throw ApiException.invalid(
                "DefaultChatServiceSid",
                service + " is not a Conversation Service of this account");
          }
          ConfigurationRecord updated =
              new ConfigurationRecord(
                  c.accountSid(),
                  or(service, c.defaultChatServiceSid()),
                  or(changes.defaultMessagingServiceSid(), c.defaultMessagingServiceSid()),
                  changes.defaultInactiveTimer() == null
                      ? c.defaultInactiveTimer()
                      : changes.defaultInactiveTimer().toString(),
                  changes.defaultClosedTimer() == null
                      ? c.defaultClosedTimer()
                      : changes.defaultClosedTimer().toString(),
                  c.preWebhookUrl(),
                  c.postWebhookUrl(),
                  c.webhookMethod(),
                  c.webhookFilters(),
                  c.webhookTarget());
          store.accounts().updateConfiguration(tx, updated);
          return updated;
        });
  }

  public ConfigurationRecord updateWebhooks(AccountSid account, EventWebhookChanges changes) {
    urls.vet("PreWebhookUrl", changes.preWebhookUrl());
    urls.vet("PostWebhookUrl", changes.postWebhookUrl());
    return store.write(
        tx -> {
          ConfigurationRecord c = find(tx, account);
          ConfigurationRecord updated =
              new ConfigurationRecord(
                  c.accountSid(),
                  c.defaultChatServiceSid(),
                  c.defaultMessagingServiceSid(),
                  c.defaultInactiveTimer(),
                  c.defaultClosedTimer(),
                  url(changes.preWebhookUrl(), c.preWebhookUrl()),
                  url(changes.postWebhookUrl(), c.postWebhookUrl()),
                  changes.method() == null ? c.webhookMethod() : changes.method().name(),
                  changes.filters() == null
                      ? c.webhookFilters()
                      : JsonLists.write(changes.filters()),
                  changes.target() == null ? c.webhookTarget() : changes.target().wire());
          store.accounts().updateConfiguration(tx, updated);
          return updated;
        });
  }

  /** A URL change: null keeps {@code current}, empty clears it. */
  static String url(String change, String current) {
    if (change == null) {
      return current;
    }
    return change.isEmpty() ? null : change;
  }
}
