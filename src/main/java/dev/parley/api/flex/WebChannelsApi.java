package dev.parley.api.flex;

import dev.parley.error.ApiException;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.ids.SidPrefix;
import dev.parley.webchat.EngagementData;
import dev.parley.webchat.NewWebChannel;
import dev.parley.webchat.WebChannelChanges;
import dev.parley.webchat.WebChannelService;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/** Flex v1 {@code /v1/WebChannels}: the legacy (Programmable Chat era) web chat entry point. */
public final class WebChannelsApi {
  private static final int MAX_NAME = 256;
  private final WebChannelService channels;
  private final PublicUrl base;

  public WebChannelsApi(WebChannelService channels, PublicUrl base) {
    this.channels = channels;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    form.required("FlexFlowSid");
    NewWebChannel request =
        new NewWebChannel(
            form.sid("FlexFlowSid", SidPrefix.FLEX_FLOW),
            form.required("Identity", MAX_NAME),
            form.required("CustomerFriendlyName", MAX_NAME),
            form.required("ChatFriendlyName", MAX_NAME),
            blankAsAbsent(form.string("ChatUniqueName", MAX_NAME)),
            EngagementData.pre(form.string("PreEngagementData")));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 201, () -> WebChannelView.of(channels.create(account, request), base));
  }

  public void fetch(RoutingContext ctx) {
    String sid = sid(ctx);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> WebChannelView.of(channels.find(account, sid), base));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 1000);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                "/v1/WebChannels",
                Map.of(),
                "flex_chat_channels",
                channels.page(account, paging.request()).map(w -> WebChannelView.of(w, base))));
  }

  public void update(RoutingContext ctx) {
    String sid = sid(ctx);
    Params form = Params.form(ctx);
    WebChannelChanges changes =
        new WebChannelChanges(
            form.oneOf("ChatStatus", Set.of("inactive")) != null,
            EngagementData.post(form.string("PostEngagementData")));
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> WebChannelView.of(channels.update(account, sid, changes), base));
  }

  public void delete(RoutingContext ctx) {
    String sid = sid(ctx);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> channels.delete(account, sid));
  }

  /** The path's web channel SID; one that is not a CH SID names no resource (404, as Twilio). */
  private static String sid(RoutingContext ctx) {
    String sid = ctx.pathParam("Sid");
    if (!SidPrefix.CONVERSATION.matches(sid)) {
      throw ApiException.notFound();
    }
    return sid;
  }

  private static String blankAsAbsent(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
