package dev.parley.http;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failure into Twilio's {@code {code, message, more_info, status}}. */
public final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);
  static final int MAX_BODY_BYTES = 1 << 20;

  /**
   * Webchat's public endpoints (a deployment key, called by a page's script): never a Basic
   * challenge, which makes a browser hold the request or prompt for a password.
   */
  private static final List<String> NO_CHALLENGE = List.of("/v2/Webchat/", "/parley/v1/Webchat/");

  private static final Pattern VERSION = Pattern.compile("/v[0-9]+(/.*)");

  private Failures() {}

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      render(ctx, api.error(), api.messageFor(resourcePath(ctx.request().path())));
    } else if (failure == null || failure instanceof HttpException) {
      int status = failure == null ? ctx.statusCode() : ((HttpException) failure).getStatusCode();
      byStatus(ctx, status);
    } else {
      String requestId = RequestIds.of(ctx);
      log.error(
          "event=unhandled_failure request_id={} path={}",
          requestId,
          ctx.request().path(),
          failure);
      render(ctx, TwilioError.INTERNAL, TwilioError.INTERNAL.message(requestId));
    }
  }

  /** Answers for the statuses Vert.x itself raises (no route, wrong method, body too big). */
  public static void byStatus(RoutingContext ctx, int status) {
    String path = ctx.request().path();
    switch (status) {
      case 404 ->
          render(ctx, TwilioError.NOT_FOUND, TwilioError.NOT_FOUND.message(resourcePath(path)));
      case 405 ->
          render(
              ctx,
              TwilioError.METHOD_NOT_ALLOWED,
              TwilioError.METHOD_NOT_ALLOWED.message(ctx.request().method().name(), path));
      case 413 ->
          render(
              ctx,
              TwilioError.REQUEST_TOO_LARGE,
              TwilioError.REQUEST_TOO_LARGE.message(MAX_BODY_BYTES));
      case 401 -> render(ctx, TwilioError.AUTHENTICATE, TwilioError.AUTHENTICATE.message());
      default -> {
        if (status >= 400 && status < 500) {
          render(ctx, TwilioError.INVALID_PARAMETER, "Bad request");
        } else {
          render(ctx, TwilioError.INTERNAL, TwilioError.INTERNAL.message(RequestIds.of(ctx)));
        }
      }
    }
  }

  /**
   * How Twilio names a request's resource in a 20404: the path without the query and without the
   * version segment of the product APIs ({@code /v1/Conversations/CH…} → {@code
   * /Conversations/CH…}, {@code /v1/Services/IS…/Users/ann} → {@code /Services/IS…/Users/ann}). The
   * 2010 API keeps its whole path, {@code .json} included ({@code The requested resource
   * /2010-04-01/Accounts/AC…/Calls/CA….json was not found}); so do Parley's own {@code /parley/v1}
   * paths, which no Twilio client parses. The path is the raw one the client sent.
   */
  static String resourcePath(String path) {
    Matcher versioned = VERSION.matcher(path);
    return versioned.matches() ? versioned.group(1) : path;
  }

  public static void render(RoutingContext ctx, TwilioError error, String message) {
    if (ctx.response().ended()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code());
    body.put("message", message);
    body.put("more_info", error.moreInfo());
    body.put("status", error.status());
    // A console log-in is not Basic auth: a challenge would make the browser prompt for it.
    String path = ctx.request().path();
    if (error.status() == 401
        && error != TwilioError.LOGIN_FAILED
        && error != TwilioError.CONSOLE_SESSION_MISSING
        && NO_CHALLENGE.stream().noneMatch(prefix -> path != null && path.startsWith(prefix))) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
    Replies.send(ctx, error.status(), body);
  }
}
