package dev.parley.api.parley;

import dev.parley.agents.CannedResponses;
import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.AccountSid;
import dev.parley.store.CannedResponseRecord;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;

/**
 * Parley's own {@code /parley/v1/CannedResponses}: an account's saved replies for the agent
 * console, managed with the account's credentials. {@code :Sid} is the SID or the short code.
 */
public final class CannedResponsesApi {
  public static final String PATH = "/parley/v1/CannedResponses";
  private final CannedResponses responses;
  private final PublicUrl base;

  public CannedResponsesApi(CannedResponses responses, PublicUrl base) {
    this.responses = responses;
    this.base = base;
  }

  /** A canned response on the wire. */
  record View(
      String sid,
      String accountSid,
      String shortCode,
      String body,
      Instant dateCreated,
      Instant dateUpdated,
      String url) {
    static View of(CannedResponseRecord r, PublicUrl base) {
      return new View(
          r.sid(),
          r.accountSid(),
          r.shortCode(),
          r.body(),
          r.dateCreated(),
          r.dateUpdated(),
          base.of(PATH + "/" + r.sid()));
    }
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    String shortCode = form.string("ShortCode");
    String body = form.string("Body");
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 201, () -> View.of(responses.create(account, shortCode, body), base));
  }

  public void fetch(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(ctx, 200, () -> View.of(responses.find(account, ctx.pathParam("Sid")), base));
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
                PATH,
                Map.of(),
                "canned_responses",
                responses.page(account, paging.request()).map(r -> View.of(r, base))));
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.json(
        ctx,
        200,
        () ->
            View.of(
                responses.update(
                    account, ctx.pathParam("Sid"), form.string("ShortCode"), form.string("Body")),
                base));
  }

  public void delete(RoutingContext ctx) {
    AccountSid account = BasicAuth.principal(ctx).account();
    Replies.noContent(ctx, () -> responses.delete(account, ctx.pathParam("Sid")));
  }
}
