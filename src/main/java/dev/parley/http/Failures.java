package dev.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.Json;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failure into Twilio's {@code {code, message, more_info, status}}. */
public final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);
  static final int MAX_BODY_BYTES = HttpLimits.MAX_BODY_BYTES;

  private static final Pattern VERSION = Pattern.compile("/v[0-9]+(/.*)");

  /** Netty's message when a form field or a chunked body passes the decoder's size limit. */
  private static final String SIZE_EXCEEDED = "Size exceed allowed maximum capacity";

  private Failures() {}

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      render(ctx, api.error(), api.messageFor(resourcePath(ctx.request().path())));
    } else if (decoding(failure) == TwilioError.REQUEST_TOO_LARGE) {
      byStatus(ctx, 413);
    } else if (decoding(failure) == TwilioError.MALFORMED_REQUEST) {
      render(
          ctx,
          TwilioError.MALFORMED_REQUEST,
          TwilioError.MALFORMED_REQUEST.message(
              "the form body is not application/x-www-form-urlencoded with at most "
                  + HttpLimits.MAX_FORM_FIELDS
                  + " fields and well-formed percent-encoding"));
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
    Replies.send(ctx, error.status(), body(error, message));
  }

  /** The same body on a bare response, for requests refused before the router (HttpEdge). */
  static Future<Void> render(HttpServerResponse response, TwilioError error, String message) {
    try {
      return response
          .setStatusCode(error.status())
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(Buffer.buffer(Json.MAPPER.writeValueAsBytes(body(error, message))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body is always JSON", e);
    }
  }

  private static Map<String, Object> body(TwilioError error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code());
    body.put("message", message);
    body.put("more_info", error.moreInfo());
    body.put("status", error.status());
    return body;
  }

  /** Netty refuses a field with an empty name ({@code =value}) with a bare argument check. */
  private static boolean thrownByFormDecoder(Throwable failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("io.netty.handler.codec.http.multipart.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Twilio error for a form body Netty's decoder refused (bad percent-encoding, too many
   * fields, a field or a chunked body over the limit), or null when {@code failure} is not one.
   */
  private static TwilioError decoding(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpPostRequestDecoder.TooLongFormFieldException
          || (t instanceof IOException && SIZE_EXCEEDED.equals(t.getMessage()))) {
        return TwilioError.REQUEST_TOO_LARGE;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpPostRequestDecoder.TooManyFormFieldsException
          || t instanceof HttpPostRequestDecoder.ErrorDataDecoderException
          || (t instanceof IllegalArgumentException && thrownByFormDecoder(t))) {
        return TwilioError.MALFORMED_REQUEST;
      }
    }
    return null;
  }
}
