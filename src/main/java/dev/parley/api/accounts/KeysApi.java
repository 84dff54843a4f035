package dev.parley.api.accounts;

import dev.parley.auth.ApiKeyService;
import dev.parley.http.BasicAuth;
import dev.parley.http.Params;
import dev.parley.http.Replies;
import dev.parley.http.V2010Paging;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code /2010-04-01/Accounts/{AccountSid}/Keys.json} and {@code .../Keys/{Sid}.json}: API keys.
 * Only the create response carries the secret ({@code NewKey}); every other one is a {@code Key}.
 */
public final class KeysApi {
  private static final int MAX_NAME = 64;
  private final ApiKeyService keys;

  public KeysApi(ApiKeyService keys) {
    this.keys = keys;
  }

  public void create(RoutingContext ctx) {
    String friendlyName = Params.form(ctx).string("FriendlyName", MAX_NAME);
    Replies.json(
        ctx,
        201,
        () ->
            NewKeyView.of(
                keys.create(BasicAuth.principal(ctx), ctx.pathParam("AccountSid"), friendlyName)));
  }

  public void list(RoutingContext ctx) {
    V2010Paging paging = V2010Paging.parse(Params.query(ctx));
    String accountSid = ctx.pathParam("AccountSid");
    Replies.json(
        ctx,
        200,
        () -> {
          var slice =
              keys.page(BasicAuth.principal(ctx), accountSid, paging.request()).map(KeyView::of);
          String path = "/2010-04-01/Accounts/" + accountSid + "/Keys.json";
          return paging.reply(path, Map.of(), "keys", slice);
        });
  }

  public void fetch(RoutingContext ctx) {
    Replies.json(
        ctx,
        200,
        () ->
            KeyView.of(
                keys.find(
                    BasicAuth.principal(ctx), ctx.pathParam("AccountSid"), ctx.pathParam("Sid"))));
  }

  public void update(RoutingContext ctx) {
    String friendlyName = Params.form(ctx).string("FriendlyName", MAX_NAME);
    Replies.json(
        ctx,
        200,
        () ->
            KeyView.of(
                keys.update(
                    BasicAuth.principal(ctx),
                    ctx.pathParam("AccountSid"),
                    ctx.pathParam("Sid"),
                    friendlyName)));
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx,
        () ->
            keys.delete(
                BasicAuth.principal(ctx), ctx.pathParam("AccountSid"), ctx.pathParam("Sid")));
  }
}
