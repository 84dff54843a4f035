package dev.parley.console;

import dev.parley.agents.ConsoleSession;
import dev.parley.agents.ConsoleSessions;
import dev.parley.error.TwilioError;
import dev.parley.http.Failures;
import dev.parley.http.PublicUrl;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The console's session check, in front of every console endpoint but the log-in: the HttpOnly,
 * SameSite=Strict cookie must name a live session, and a change (any method but GET and HEAD) must
 * carry the session's CSRF token in {@value #CSRF_HEADER} and, when the browser sent an {@code
 * Origin}, come from Parley's own origin. SameSite alone would do in current browsers; the token
 * and the origin check keep older ones and same-site subdomains out too (OWASP CSRF cheat sheet).
 */
final class ConsoleAuth implements Handler<RoutingContext> {
  static final String COOKIE = "parley_console";
  static final String CSRF_HEADER = "X-Parley-CSRF-Token";
  private static final String KEY = "parley.console.session";

  private final ConsoleSessions sessions;
  private final PublicUrl base;

  ConsoleAuth(ConsoleSessions sessions, PublicUrl base) {
    this.sessions = sessions;
    this.base = base;
  }

  static ConsoleSession session(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  static String token(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!sameOrigin(ctx)) {
      return;
    }
    String token = token(ctx);
    ctx.vertx()
        .executeBlocking(() -> sessions.current(token), false)
        .onSuccess(
            session -> {
              if (isChange(ctx) && !csrfMatches(ctx, session)) {
                Failures.render(
                    ctx,
                    TwilioError.CSRF_REJECTED,
                    TwilioError.CSRF_REJECTED.message(
                        "a console change needs the session's " + CSRF_HEADER + " header"));
                return;
              }
              ctx.put(KEY, session);
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /** A request that may change state: anything but GET and HEAD. */
  private static boolean isChange(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    return method != HttpMethod.GET && method != HttpMethod.HEAD;
  }

  /** False (and answered 403) for a change whose {@code Origin} is another site's. */
  boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (!isChange(ctx) || origin == null) {
      return true;
    }
    String host = ctx.request().getHeader("Host");
    String own = ctx.request().scheme() + "://" + host;
    if (origin.equalsIgnoreCase(own) || origin.equalsIgnoreCase(originOf(base.base()))) {
      return true;
    }
    Failures.render(
        ctx,
        TwilioError.CSRF_REJECTED,
        TwilioError.CSRF_REJECTED.message("origin " + origin + " may not change console state"));
    return false;
  }

  private static boolean csrfMatches(RoutingContext ctx, ConsoleSession session) {
    String sent = ctx.request().getHeader(CSRF_HEADER);
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  private static String originOf(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (RuntimeException e) {
      return "";
    }
  }
}
