package dev.parley.api.flex;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.Params;
import dev.parley.http.Replies;
import dev.parley.http.TokenBuckets;
import dev.parley.webchat.GuestRequest;
import dev.parley.webchat.GuestSession;
import dev.parley.webchat.WebchatDeployments;
import dev.parley.webchat.WebchatGuests;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * Webchat 3's public endpoints, called by the browser with a deployment key and no account
 * credentials (flex-webchat-ui {@code sessionDataHandler.ts}); {@link WebchatGate} admits them.
 */
public final class WebchatApi {
  /** Served without account credentials: Routes keeps Basic auth and the open CORS off them. */
  public static final String PREFIX = "/v2/Webchat/";

  private static final String PATHS = PREFIX + "*";
  private static final int MAX_TOKEN_LENGTH = 8 * 1024;
  private final WebchatGuests guests;

  /** {@code perIp} and {@code perKey} limit requests per client IP and per deployment key. */
  public WebchatApi(
      Router router,
      WebchatGuests guests,
      WebchatDeployments deployments,
      TokenBuckets perIp,
      TokenBuckets perKey) {
    this.guests = guests;
    router.route(PATHS).handler(new WebchatGate(deployments, perIp, perKey));
    router.post("/v2/Webchat/Init").handler(this::init);
    router.post("/v2/Webchat/Tokens/Refresh").handler(this::refresh);
  }

  /** The client reads these four and keeps them (camel-cased) in localStorage. */
  record Started(String token, String conversationSid, String identity, Instant expiration) {}

  /** Merged by the client over what it stored: no conversation SID. */
  record Refreshed(String token, String identity, Instant expiration) {}

  private void init(RoutingContext ctx) {
    Params form = Params.form(ctx);
    GuestRequest request =
        new GuestRequest(
            WebChatsApi.limited(form, "CustomerFriendlyName"),
            WebChatsApi.preEngagementData(form),
            WebChatsApi.identity(form),
            WebChatsApi.uiVersion(ctx.request().getHeader("Ui-Version")));
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          GuestSession session = guests.init(deployment, request);
          return new Started(
              session.token(), session.conversationSid(), session.identity(), session.expiration());
        });
  }

  private void refresh(RoutingContext ctx) {
    Params form = Params.form(ctx);
    // The published client sends "token" in lower case; the documented name is "Token".
    String token = form.has("Token") ? form.string("Token") : form.string("token");
    if (token == null || token.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "longer than any access token");
    }
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          GuestSession session = guests.refresh(deployment, token);
          return new Refreshed(session.token(), session.identity(), session.expiration());
        });
  }
}
