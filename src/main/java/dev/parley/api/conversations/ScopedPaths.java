package dev.parley.api.conversations;

import dev.parley.conversation.Scope;
import dev.parley.conversation.ServiceDirectory;
import dev.parley.http.BasicAuth;
import dev.parley.http.Replies;
import dev.parley.http.WebhookHeader;
import dev.parley.ids.ConversationRef;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Every Conversations resource lives at a short path on the account's default service ({@code
 * /v1/Conversations}) and at its service-scoped twin ({@code
 * /v1/Services/{ChatServiceSid}/Conversations}). The route table declares both ({@link #PREFIXES});
 * this resolves which service a request means.
 */
public final class ScopedPaths {
  private static final String SERVICE_PREFIX = "/v1/Services/:ChatServiceSid";

  /** Where a resource's path is declared: the route table declares it under each of these. */
  public static final List<String> PREFIXES = List.of("/v1", SERVICE_PREFIX);

  private final ServiceDirectory services;

  public ScopedPaths(ServiceDirectory services) {
    this.services = services;
  }

  /**
   * The scope of a request and the path prefix its URLs are built on. Blocking: call it inside the
   * handler's off-loop work.
   */
  public Located locate(RoutingContext ctx) {
    String serviceSid = ctx.pathParam("ChatServiceSid");
    Scope scope =
        services
            .scope(BasicAuth.principal(ctx).account(), serviceSid)
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

  /** The conversation a nested resource's path names ({@code {ConversationSid}}): SID or name. */
  public static ConversationRef conversation(RoutingContext ctx) {
    return ConversationRef.of(ctx.pathParam("ConversationSid"));
  }

  /** A request's scope and the path its resources' URLs start with. */
  public record Located(Scope scope, String prefix) {}
}
