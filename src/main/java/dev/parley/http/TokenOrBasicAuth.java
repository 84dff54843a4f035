package dev.parley.http;

import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The guard of {@link Access#ACCOUNT_BASIC_OR_ACCESS_TOKEN}: the SDK's {@code X-Twilio-Token}
 * header when present (verified as the realtime endpoint verifies its token), else {@link
 * BasicAuth}. It pauses the request first: an upload's body waits, unread, until the caller is
 * known and the handler streams it.
 */
public final class TokenOrBasicAuth implements Handler<RoutingContext> {
  public static final String HEADER = "X-Twilio-Token";
  private static final String KEY = "parley.grant";
  private final AccessTokens tokens;
  private final BasicAuth basic;

  public TokenOrBasicAuth(AccessTokens tokens, BasicAuth basic) {
    this.tokens = tokens;
    this.basic = basic;
  }

  /** The grant of a request admitted by its access token; null when Basic auth admitted it. */
  public static AccessGrant grant(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.request().pause();
    // Whatever the answer (a refusal, or the handler's), the request reads on once it starts: a
    // connection kept alive must see the request end to take the next one.
    ctx.addHeadersEndHandler(v -> ctx.request().resume());
    String token = ctx.request().getHeader(HEADER);
    if (token == null) {
      basic.handle(ctx);
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> tokens.verify(token), false)
        .onSuccess(
            grant -> {
              ctx.put(KEY, grant);
              ctx.next();
            })
        .onFailure(
            e -> {
              if (e instanceof ApiException refused) {
                Failures.render(ctx, refused.error(), refused.getMessage());
              } else {
                ctx.fail(e);
              }
            });
  }
}
