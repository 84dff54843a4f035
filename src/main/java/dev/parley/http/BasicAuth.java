package dev.parley.http;

import dev.parley.auth.Authenticator;
import dev.parley.auth.Principal;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** HTTP Basic authentication with Twilio credentials; 401 with code 20003 otherwise. */
public final class BasicAuth implements Handler<RoutingContext> {
  private static final String KEY = "parley.principal";
  private final Authenticator authenticator;

  public BasicAuth(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** The principal of an authenticated request. */
  public static Principal principal(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String[] credentials = decode(ctx.request().getHeader("Authorization"));
    if (credentials == null) {
      refuse(ctx, TwilioError.AUTHENTICATE, TwilioError.AUTHENTICATE.message());
      return;
    }
    Optional<Principal> known;
    try {
      known = authenticator.cached(credentials[0], credentials[1]);
    } catch (ApiException refused) {
      refuse(ctx, refused.error(), refused.getMessage());
      return;
    }
    if (known.isPresent()) {
      admit(ctx, known.get());
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> authenticator.authenticate(credentials[0], credentials[1]), false)
        .onSuccess(
            principal -> {
              if (principal.isPresent()) {
                admit(ctx, principal.get());
              } else {
                refuse(ctx, TwilioError.AUTHENTICATE, TwilioError.AUTHENTICATE.message());
              }
            })
        .onFailure(ctx::fail);
  }

  /**
   * Refuses with Twilio's error and, on a 401, Basic's challenge, as Twilio's REST APIs do. Only
   * here: other refusals (a deployment key, an access token, the console's session) must not make a
   * browser hold the request or prompt for a password.
   */
  private static void refuse(RoutingContext ctx, TwilioError error, String message) {
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
    Failures.render(ctx, error, message);
  }

  private static void admit(RoutingContext ctx, Principal principal) {
    ctx.put(KEY, principal);
    ctx.next();
  }

  private static String[] decode(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
