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
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * Webchat 3's public endpoints, called by the browser with a deployment key and no account
 * credentials (flex-webchat-ui {@code sessionDataHandler.ts}), and Parley's own one for a guest to
 * end its chat; {@link WebchatGate} admits them all.
 */
public final class Webchat3Api {
  /** Served without account credentials: Routes keeps the open CORS off them. */
  public static final String PREFIX = "/v2/Webchat/";

  /**
   * Parley's guest endpoints, which Twilio does not have: under Parley's own namespace rather than
   * Twilio's {@code /v2/Webchat/}, where a later Twilio endpoint could take the name.
   */
  public static final String PARLEY_PREFIX = "/parley/v1/Webchat/";

  /** The widget's read of its deployment's look ({@link #appearance}). */
  public static final String APPEARANCE = PARLEY_PREFIX + "Appearance";

  private static final int MAX_TOKEN_LENGTH = 8 * 1024;
  private final WebchatGuests guests;
  private final WebchatGate gate;

  /** {@code perIp} and {@code perKey} limit requests per client IP and per deployment key. */
  public Webchat3Api(
      WebchatGuests guests,
      WebchatDeployments deployments,
      TokenBuckets perIp,
      TokenBuckets perKey) {
    this.guests = guests;
    this.gate = new WebchatGate(deployments, perIp, perKey);
  }

  /**
   * What admits a request by deployment key instead of account credentials ({@link WebchatGate}):
   * the route table puts it in front of each Webchat route.
   */
  public Handler<RoutingContext> gate() {
    return gate;
  }

  /** The client reads these four and keeps them (camel-cased) in localStorage. */
  record Started(String token, String conversationSid, String identity, Instant expiration) {}

  /** Merged by the client over what it stored: no conversation SID. */
  record Refreshed(String token, String identity, Instant expiration) {}

  /** The conversation after a guest closed it. */
  record Closed(String conversationSid, String state, Instant dateUpdated) {}

  public void init(RoutingContext ctx) {
    Params form = Params.form(ctx);
    GuestRequest request =
        new GuestRequest(
            FlexWebChatsApi.limited(form, "CustomerFriendlyName"),
            FlexWebChatsApi.preEngagementData(form),
            FlexWebChatsApi.identity(form),
            FlexWebChatsApi.uiVersion(ctx.request().getHeader("Ui-Version")));
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

  public void refresh(RoutingContext ctx) {
    String token = token(Params.form(ctx));
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          GuestSession session = guests.refresh(deployment, token);
          return new Refreshed(session.token(), session.identity(), session.expiration());
        });
  }

  /** {@code Token}: the guest's own, as for a refresh (a form field keeps it a simple request). */
  public void close(RoutingContext ctx) {
    String token = token(Params.form(ctx));
    String conversation = ctx.pathParam("ConversationSid");
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(
        ctx,
        200,
        () -> {
          var closed = guests.close(deployment, token, conversation);
          return new Closed(closed.sid(), closed.state(), closed.dateUpdated());
        });
  }

  /**
   * Parley's own: the deployment's widget look ({@code /parley/v1/WebchatDeployments}' {@code
   * appearance}), which the widget reads with its key before it shows, so a change shows on the
   * next page load.
   */
  public void appearance(RoutingContext ctx) {
    var deployment = WebchatGate.deployment(ctx);
    Replies.json(ctx, 200, () -> AppearanceView.of(deployment.appearance()));
  }

  private static String token(Params form) {
    // The published client sends "token" in lower case; the documented name is "Token".
    String token = form.has("Token") ? form.string("Token") : form.string("token");
    if (token == null || token.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new ApiException(TwilioError.TOKEN_MALFORMED, "longer than any access token");
    }
    return token;
  }
}
