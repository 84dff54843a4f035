package dev.parley.api.conversations;

import dev.parley.conversation.AccountConfiguration;
import dev.parley.conversation.ConfigurationChanges;
import dev.parley.conversation.EventWebhookChanges;
import dev.parley.conversation.EventWebhookTarget;
import dev.parley.conversation.Timers;
import dev.parley.conversation.WebhookEvents;
import dev.parley.error.ApiException;
import dev.parley.http.BasicAuth;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** {@code /v1/Configuration} and {@code /v1/Configuration/Webhooks}: account-wide settings. */
public final class ConfigurationApi {
  private final AccountConfiguration configuration;
  private final PublicUrl base;

  public ConfigurationApi(AccountConfiguration configuration, PublicUrl base) {
    this.configuration = configuration;
    this.base = base;
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> ConfigurationView.of(configuration.find(account), base));
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    ConfigurationChanges changes =
        new ConfigurationChanges(
            form.sid("DefaultChatServiceSid", SidPrefix.SERVICE),
            form.sid("DefaultMessagingServiceSid", SidPrefix.MESSAGING_SERVICE),
            timer(form, "DefaultInactiveTimer", Duration.ofMinutes(1)),
            timer(form, "DefaultClosedTimer", Duration.ofMinutes(10)));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx, 200, () -> ConfigurationView.of(configuration.update(account, changes), base));
  }

  public void fetchWebhooks(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> ConfigurationWebhookView.of(configuration.find(account), base));
  }

  public void updateWebhooks(RoutingContext ctx) {
    Params form = Params.form(ctx);
    EventWebhookChanges changes =
        new EventWebhookChanges(
            WebhookParams.urlOrClear(form, "PreWebhookUrl"),
            WebhookParams.urlOrClear(form, "PostWebhookUrl"),
            WebhookParams.method(form, "Method"),
            WebhookParams.names(form, "Filters", WebhookEvents.ACCOUNT),
            form.oneOf("Target", EventWebhookTarget.class));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () -> ConfigurationWebhookView.of(configuration.updateWebhooks(account, changes), base));
  }

  /** An ISO-8601 duration of at least {@code minimum} (Twilio: 1 minute / 10 minutes). */
  private static Duration timer(Params form, String name, Duration minimum) {
    Duration timer = Timers.parse(name, form.string(name));
    if (timer != null && timer.compareTo(minimum) < 0) {
      throw ApiException.invalid(name, "must be at least " + minimum);
    }
    return timer;
  }
}
