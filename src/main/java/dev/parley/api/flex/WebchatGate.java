package dev.parley.api.flex;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.ClientAddress;
import dev.parley.http.Failures;
import dev.parley.http.Params;
import dev.parley.http.TokenBuckets;
import dev.parley.webchat.WebchatDeployment;
import dev.parley.webchat.WebchatDeployments;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * What stands in front of the public Webchat 3 endpoints instead of account credentials: the rate
 * limits (per client IP, then per deployment key), the {@code DeploymentKey}, and the request's
 * {@code Origin} against the key's allowed origins. An admitted request gets its own CORS grant
 * (the origin echoed); a refused one gets none, so a browser page of another site cannot read it.
 *
 * <p>A preflight carries no body, hence no key: it is answered for any origin, and the request that
 * follows is refused when its origin is not allowed. That refusal is what keeps other sites out.
 */
final class WebchatGate implements Handler<RoutingContext> {
  private static final String KEY = "parley.webchat.deployment";
  private static final int MAX_KEY_LENGTH = 128;

  /**
   * The headers Webchat 3's client sends (flex-webchat-ui {@code sessionDataHandler.ts}): the
   * fingerprint inputs {@code x-twilio-sec-*} and the analytics {@code ui-version}/{@code
   * webchat-version}.
   */
  private static final String ALLOWED_HEADERS =
      "Content-Type, Accept, Ui-Version, Webchat-Version, X-Twilio-Sec-Webchatinfo,"
          + " X-Twilio-Sec-Usersettings, X-Twilio-Sec-Decoders";

  private final WebchatDeployments deployments;
  private final TokenBuckets perIp;
  private final TokenBuckets perKey;

  WebchatGate(WebchatDeployments deployments, TokenBuckets perIp, TokenBuckets perKey) {
    this.deployments = deployments;
    this.perIp = perIp;
    this.perKey = perKey;
  }

  /** The deployment of an admitted request. */
  static WebchatDeployment deployment(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      preflight(ctx, origin);
      return;
    }
    if (limited(ctx, perIp.take(ClientAddress.network(ctx)))) {
      return;
    }
    String key = Params.form(ctx).string("DeploymentKey");
    if (key == null || key.isEmpty()) {
      ctx.fail(new ApiException(TwilioError.MISSING_PARAMETER, "DeploymentKey"));
      return;
    }
    if (key.length() > MAX_KEY_LENGTH) {
      ctx.fail(new ApiException(TwilioError.DEPLOYMENT_KEY_INVALID));
      return;
    }
    // Every page view of every visitor reads the look: drawn from the per-IP bucket only, it
    // cannot use up the key's budget that starting chats needs on a busy site.
    if (!ctx.request().path().equals(Webchat3Api.APPEARANCE) && limited(ctx, perKey.take(key))) {
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> deployments.admit(key, origin), false)
        .onSuccess(
            deployment -> {
              if (origin != null) {
                ctx.response().putHeader("Access-Control-Allow-Origin", origin);
              }
              ctx.response().putHeader("Vary", "Origin");
              ctx.put(KEY, deployment);
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  private static void preflight(RoutingContext ctx, String origin) {
    if (origin != null) {
      ctx.response()
          .putHeader("Access-Control-Allow-Origin", origin)
          .putHeader("Access-Control-Allow-Methods", "POST, OPTIONS")
          .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
          .putHeader("Access-Control-Max-Age", "600");
    }
    ctx.response().putHeader("Vary", "Origin").setStatusCode(204).end();
  }

  /** Answers 429 with {@code Retry-After} when {@code retryAfter} (seconds) is not 0. */
  private static boolean limited(RoutingContext ctx, long retryAfter) {
    if (retryAfter == 0) {
      return false;
    }
    ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
    Failures.render(
        ctx, TwilioError.TOO_MANY_REQUESTS, TwilioError.TOO_MANY_REQUESTS.message(retryAfter));
    return true;
  }
}
