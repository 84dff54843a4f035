package dev.parley.api.conversations;

import dev.parley.conversation.EventWebhookChanges;
import dev.parley.conversation.NotificationChanges;
import dev.parley.conversation.ServiceConfiguration;
import dev.parley.conversation.ServiceConfigurationChanges;
import dev.parley.conversation.WebhookEvents;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.SidPrefix;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /v1/Services/{ChatServiceSid}/Configuration} with its {@code Webhooks} and {@code
 * Notifications}. These exist only under a service: {@code /v1/Configuration} is the account's.
 */
public final class ServiceConfigurationApi {
  private final ServiceConfiguration configuration;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public ServiceConfigurationApi(
      ServiceConfiguration configuration, ScopedPaths paths, PublicUrl base) {
    this.configuration = configuration;
    this.paths = paths;
    this.base = base;
  }

  public void fetch(RoutingContext ctx) {
    Replies.json(
        ctx,
        200,
        () -> ServiceConfigurationView.of(configuration.find(paths.locate(ctx).scope()), base));
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    ServiceConfigurationChanges changes =
        new ServiceConfigurationChanges(
            form.sid("DefaultConversationCreatorRoleSid", SidPrefix.ROLE),
            form.sid("DefaultConversationRoleSid", SidPrefix.ROLE),
            form.sid("DefaultChatServiceRoleSid", SidPrefix.ROLE),
            form.bool("ReachabilityEnabled"));
    Replies.json(
        ctx,
        200,
        () ->
            ServiceConfigurationView.of(
                configuration.update(paths.locate(ctx).scope(), changes), base));
  }

  public void fetchWebhooks(RoutingContext ctx) {
    Replies.json(
        ctx, 200, () -> ServiceWebhookView.of(configuration.find(paths.locate(ctx).scope()), base));
  }

  public void updateWebhooks(RoutingContext ctx) {
    Params form = Params.form(ctx);
    EventWebhookChanges changes =
        new EventWebhookChanges(
            WebhookParams.urlOrClear(form, "PreWebhookUrl"),
            WebhookParams.urlOrClear(form, "PostWebhookUrl"),
            WebhookParams.method(form, "Method"),
            WebhookParams.names(form, "Filters", WebhookEvents.SERVICE),
            null);
    Replies.json(
        ctx,
        200,
        () ->
            ServiceWebhookView.of(
                configuration.updateWebhooks(paths.locate(ctx).scope(), changes), base));
  }

  public void fetchNotifications(RoutingContext ctx) {
    Replies.json(
        ctx,
        200,
        () -> {
          var scope = paths.locate(ctx).scope();
          return NotificationView.of(scope, configuration.notifications(scope), base);
        });
  }

  public void updateNotifications(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NotificationChanges changes =
        new NotificationChanges(
            form.bool("LogEnabled"),
            form.bool("NewMessage.Enabled"),
            form.string("NewMessage.Template"),
            form.string("NewMessage.Sound"),
            form.bool("NewMessage.BadgeCountEnabled"),
            form.bool("NewMessage.WithMedia.Enabled"),
            form.string("NewMessage.WithMedia.Template"),
            form.bool("AddedToConversation.Enabled"),
            form.string("AddedToConversation.Template"),
            form.string("AddedToConversation.Sound"),
            form.bool("RemovedFromConversation.Enabled"),
            form.string("RemovedFromConversation.Template"),
            form.string("RemovedFromConversation.Sound"));
    Replies.json(
        ctx,
        200,
        () -> {
          var scope = paths.locate(ctx).scope();
          return NotificationView.of(
              scope, configuration.updateNotifications(scope, changes), base);
        });
  }
}
