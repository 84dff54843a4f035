package dev.parley.api.conversations;

import dev.parley.conversation.Scope;
import dev.parley.conversation.ServiceDirectory;
import dev.parley.http.BasicAuth;
import dev.parley.http.Replies;
import dev.parley.http.WebhookHeader;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Every Conversations resource lives at a short path on the account's default service ({@code
 * /v1/Conversations}) and at its service-scoped twin ({@code
 * /v1/Services/{ChatServiceSid}/Conversations}). This registers both and resolves which service a
 * request means.
 */
public final class ScopedPaths {
  private static final String SERVICE_PREFIX = "/v1/Services/:ChatServiceSid";
  private final Router router;
  private final ServiceDirectory services;

  public ScopedPaths(Router router, ServiceDirectory services) {
    this.router = router;
    this.services = services;
  }

  /** Registers {@code handler} for {@code /v1 + path} and its service-scoped twin. */
  public void route(HttpMethod method, String path, Handler<RoutingContext> handler) {
    router.route(method, "/v1" + path).handler(handler);
    router.route(method, SERVICE_PREFIX + path).handler(handler);
  }

  /**
   * The scope of a request and the path prefix its URLs are built on. Blocking: call it inside the
   * handler's off-loop work.
   */
  public Located locate(RoutingContext ctx) {
    String serviceSid = ctx.pathParam("ChatServiceSid");
    Scope scope =
        services
            .scope(BasicAuth.principal(ctx).accountSid(), serviceSid)
            .by(WebhookHeader.origin(ctx));
    String prefix = serviceSid == null ? "/v1" : "/v1/Services/" + serviceSid;
    return new Located(scope, prefix);
  }

  /**
   * Answers {@code status} with what {@code work} returns for the request's scope, run off the
   * event loop (see {@link Replies#json}).
   */
  public void answer(RoutingContext ctx, int status, Function<Located, Object> work) {
    Replies.json(ctx, status, () -> work.apply(locate(ctx)));
  }

  /** A request's scope and the path its resources' URLs start with. */
  public record Located(Scope scope, String prefix) {}
}
