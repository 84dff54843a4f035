package dev.parley.api.conversations;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.parley.conversation.ServiceDirectory;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /v1/Services}: an account's Conversation Services. */
public final class ServicesApi {
  private final ServiceDirectory services;
  private final PublicUrl base;

  public ServicesApi(Router router, ServiceDirectory services, PublicUrl base) {
    this.services = services;
    this.base = base;
    router.route(POST, "/v1/Services").handler(this::create);
    router.route(GET, "/v1/Services").handler(this::list);
    router.route(GET, "/v1/Services/:Sid").handler(this::fetch);
    router.route(DELETE, "/v1/Services/:Sid").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    String friendlyName = Params.form(ctx).required("FriendlyName", 256);
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(ctx, 201, () -> ServiceView.of(services.create(account, friendlyName), base));
  }

  private void fetch(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx, 200, () -> ServiceView.of(services.find(account, ctx.pathParam("Sid")), base));
  }

  private void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 100);
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () -> {
          var slice = services.page(account, paging.request()).map(s -> ServiceView.of(s, base));
          return paging.reply(base, "/v1/Services", Map.of(), "services", slice);
        });
  }

  private void delete(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.noContent(ctx, () -> services.delete(account, ctx.pathParam("Sid")));
  }
}
