package dev.parley.api.conversations;

import dev.parley.conversation.ServiceDirectory;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /v1/Services}: an account's Conversation Services. */
public final class ServicesApi {
  private final ServiceDirectory services;
  private final PublicUrl base;

  public ServicesApi(ServiceDirectory services, PublicUrl base) {
    this.services = services;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    String friendlyName = Params.form(ctx).required("FriendlyName", 256);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 201, () -> ServiceView.of(services.create(account, friendlyName), base));
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx, 200, () -> ServiceView.of(services.find(account, ctx.pathParam("Sid")), base));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 100);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () -> {
          var slice = services.page(account, paging.request()).map(s -> ServiceView.of(s, base));
          return paging.reply(base, "/v1/Services", Map.of(), "services", slice);
        });
  }

  public void delete(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> services.delete(account, ctx.pathParam("Sid")));
  }
}
