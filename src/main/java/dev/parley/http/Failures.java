package dev.parley.http;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failure into Twilio's {@code {code, message, more_info, status}}. */
public final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);
  static final int MAX_BODY_BYTES = 1 << 20;

  private Failures() {}

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      render(ctx, api.error(), api.getMessage());
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
      case 404 -> render(ctx, TwilioError.NOT_FOUND, TwilioError.NOT_FOUND.message(path));
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
    if (error.status() == 401
        && error != TwilioError.LOGIN_FAILED
        && error != TwilioError.CONSOLE_SESSION_MISSING) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
    Replies.send(ctx, error.status(), body);
  }
}
