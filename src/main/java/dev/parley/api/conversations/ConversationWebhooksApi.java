package dev.parley.api.conversations;

import dev.parley.conversation.ConversationWebhookChanges;
import dev.parley.conversation.ConversationWebhooks;
import dev.parley.conversation.NewConversationWebhook;
import dev.parley.conversation.WebhookEvents;
import dev.parley.conversation.WebhookTarget;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ConversationWebhookRecord;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** {@code /v1/Conversations/{ConversationSid}/Webhooks} and its service-scoped twin. */
public final class ConversationWebhooksApi {
  private final ConversationWebhooks webhooks;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public ConversationWebhooksApi(ConversationWebhooks webhooks, ScopedPaths paths, PublicUrl base) {
    this.webhooks = webhooks;
    this.paths = paths;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("Target");
    NewConversationWebhook request =
        new NewConversationWebhook(
            form.oneOf("Target", WebhookTarget.class),
            form.url("Configuration.Url"),
            WebhookParams.method(form, "Configuration.Method"),
            WebhookParams.names(form, "Configuration.Filters", WebhookEvents.CONVERSATION),
            triggers(form),
            form.sid("Configuration.FlowSid", SidPrefix.STUDIO_FLOW),
            form.integer("Configuration.ReplayAfter", 0, Integer.MAX_VALUE));
    paths.answer(
        ctx,
        201,
        at -> view(ctx, webhooks.create(at.scope(), ScopedPaths.conversation(ctx), request), at));
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at ->
            view(
                ctx,
                webhooks.find(at.scope(), ScopedPaths.conversation(ctx), ctx.pathParam("Sid")),
                at));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 5, 5);
    paths.answer(
        ctx,
        200,
        at -> {
          String conversation = ctx.pathParam("ConversationSid");
          var slice =
              webhooks
                  .page(at.scope(), ConversationRef.of(conversation), paging.request())
                  .map(w -> view(ctx, w, at));
          String path = at.prefix() + "/Conversations/" + conversation + "/Webhooks";
          return paging.reply(base, path, Map.of(), "webhooks", slice);
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    ConversationWebhookChanges changes =
        new ConversationWebhookChanges(
            form.url("Configuration.Url"),
            WebhookParams.method(form, "Configuration.Method"),
            WebhookParams.names(form, "Configuration.Filters", WebhookEvents.CONVERSATION),
            triggers(form),
            form.sid("Configuration.FlowSid", SidPrefix.STUDIO_FLOW));
    paths.answer(
        ctx,
        200,
        at ->
            view(
                ctx,
                webhooks.update(
                    at.scope(), ScopedPaths.conversation(ctx), ctx.pathParam("Sid"), changes),
                at));
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx,
        () ->
            webhooks.delete(
                paths.locate(ctx).scope(), ScopedPaths.conversation(ctx), ctx.pathParam("Sid")));
  }

  private ConversationWebhookView view(
      RoutingContext ctx, ConversationWebhookRecord w, ScopedPaths.Located at) {
    boolean serviceScoped = ctx.pathParam("ChatServiceSid") != null;
    return ConversationWebhookView.of(w, base, at.prefix(), serviceScoped);
  }

  /** The repeated {@code Configuration.Triggers} keywords; null when absent. */
  private static List<String> triggers(Params form) {
    List<String> triggers = form.strings("Configuration.Triggers");
    return triggers.isEmpty() ? null : List.copyOf(triggers);
  }
}
