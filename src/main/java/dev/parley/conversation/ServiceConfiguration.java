package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.events.WebhookUrlCheck;
import dev.parley.store.RoleRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.util.function.Consumer;

/** A service's configuration: default roles, reachability, event webhooks and notifications. */
public final class ServiceConfiguration {
  private final Store store;
  private final Clock clock;
  private final ServiceDirectory services;
  private final WebhookUrlCheck urls;

  public ServiceConfiguration(
      Store store, Clock clock, ServiceDirectory services, WebhookUrlCheck urls) {
    this.store = store;
    this.clock = clock;
    this.services = services;
    this.urls = urls;
  }

  public ServiceRecord find(Scope scope) {
    return services.find(scope.account(), scope.serviceSid());
  }

  /**
   * Applies {@code changes}. Each role must be a role of this service, of the kind its setting
   * takes: conversation roles for the two conversation defaults, a service role for users.
   */
  public ServiceRecord update(Scope scope, ServiceConfigurationChanges changes) {
    return change(
        scope,
        (tx, s) -> {
          String creator =
              role(
                  tx,
                  s,
                  "DefaultConversationCreatorRoleSid",
                  changes.defaultConversationCreatorRoleSid(),
                  RoleType.CONVERSATION);
          String participant =
              role(
                  tx,
                  s,
                  "DefaultConversationRoleSid",
                  changes.defaultConversationRoleSid(),
                  RoleType.CONVERSATION);
          String user =
              role(
                  tx,
                  s,
                  "DefaultChatServiceRoleSid",
                  changes.defaultChatServiceRoleSid(),
                  RoleType.SERVICE);
          return copy(
              s,
              b -> {
                b.creatorRole = or(creator, s.defaultConversationCreatorRoleSid());
                b.conversationRole = or(participant, s.defaultConversationRoleSid());
                b.serviceRole = or(user, s.defaultChatServiceRoleSid());
                b.reachability = or(changes.reachabilityEnabled(), s.reachabilityEnabled());
              });
        });
  }

  /**
   * Applies {@code changes} to the service's event webhooks. Until the first change all of them
   * read as null (Twilio's {@code fetchEmpty}); the method then defaults to {@code POST}.
   */
  public ServiceRecord updateWebhooks(Scope scope, EventWebhookChanges changes) {
    urls.vet("PreWebhookUrl", changes.preWebhookUrl());
    urls.vet("PostWebhookUrl", changes.postWebhookUrl());
    return change(
        scope,
        (tx, s) ->
            copy(
                s,
                b -> {
                  b.preWebhookUrl =
                      AccountConfiguration.url(changes.preWebhookUrl(), b.preWebhookUrl);
                  b.postWebhookUrl =
                      AccountConfiguration.url(changes.postWebhookUrl(), b.postWebhookUrl);
                  b.webhookMethod =
                      changes.method() != null
                          ? changes.method().name()
                          : or(s.webhookMethod(), WebhookMethod.POST.name());
                  if (changes.filters() != null) {
                    b.webhookFilters = JsonLists.write(changes.filters());
                  }
                }));
  }

  public NotificationSettings notifications(Scope scope) {
    return NotificationSettings.parse(find(scope).notifications());
  }

  public NotificationSettings updateNotifications(Scope scope, NotificationChanges changes) {
    ServiceRecord updated =
        change(
            scope,
            (tx, s) ->
                copy(
                    s,
                    b -> {
                      b.notifications =
                          NotificationSettings.parse(s.notifications()).with(changes).json();
                    }));
    return NotificationSettings.parse(updated.notifications());
  }

  private interface Change {
    ServiceRecord apply(Tx tx, ServiceRecord current);
  }

  private ServiceRecord change(Scope scope, Change change) {
    return store.write(
        tx -> {
          ServiceRecord current = services.find(tx, scope.account(), scope.serviceSid());
          ServiceRecord updated = change.apply(tx, current);
          store.services().update(tx, updated);
          return updated;
        });
  }

  private String role(Tx tx, ServiceRecord service, String parameter, String sid, RoleType type) {
    if (sid == null) {
      return null;
    }
    RoleRecord role =
        store
            .roles()
            .find(tx, service.sid(), sid)
            .orElseThrow(
                () -> ApiException.invalid(parameter, sid + " is not a role of " + service.sid()));
    if (!role.type().equals(type.wire())) {
      throw ApiException.invalid(parameter, sid + " is not a " + type.wire() + " role");
    }
    return sid;
  }

  /** A mutable copy of a service's settings, so each change names only what it touches. */
  private static final class Builder {
    String creatorRole;
    String conversationRole;
    String serviceRole;
    boolean reachability;
    String notifications;
    String preWebhookUrl;
    String postWebhookUrl;
    String webhookMethod;
    String webhookFilters;
  }

  private ServiceRecord copy(ServiceRecord s, Consumer<Builder> edit) {
    Builder b = new Builder();
    b.creatorRole = s.defaultConversationCreatorRoleSid();
    b.conversationRole = s.defaultConversationRoleSid();
    b.serviceRole = s.defaultChatServiceRoleSid();
    b.reachability = s.reachabilityEnabled();
    b.notifications = s.notifications();
    b.preWebhookUrl = s.preWebhookUrl();
    b.postWebhookUrl = s.postWebhookUrl();
    b.webhookMethod = s.webhookMethod();
    b.webhookFilters = s.webhookFilters();
    edit.accept(b);
    return new ServiceRecord(
        s.sid(),
        s.accountSid(),
        s.friendlyName(),
        b.creatorRole,
        b.conversationRole,
        b.serviceRole,
        b.reachability,
        b.notifications,
        b.preWebhookUrl,
        b.postWebhookUrl,
        b.webhookMethod,
        b.webhookFilters,
        s.dateCreated(),
        clock.instant());
  }
}
