package dev.parley.http;

import dev.parley.error.TwilioError;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * What the server checks before the router sees a request: that Netty could parse it at all, that
 * its percent-encoding is well formed, and that its path names exactly one resource. Each refusal
 * is a Twilio error body, never Vert.x's bare status line or a dropped connection.
 */
public final class HttpEdge {
  /**
   * A dot segment, or an encoded dot, slash or backslash anywhere in the path: the router would
   * resolve {@code /Participants/..} to the conversation above it, and no SID holds any of these.
   */
  private static final Pattern UNSAFE_PATH =
      Pattern.compile("(^|/)\\.{1,2}(/|$)|%2e|%2f|%5c|\\\\", Pattern.CASE_INSENSITIVE);

  /** A {@code %} not followed by two hex digits. */
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9a-fA-F]{2})");

  private final HttpLimits limits;

  public HttpEdge(HttpLimits limits) {
    this.limits = limits;
  }

  /** {@code next} for requests whose path and query are sound; a Twilio error for the rest. */
  public Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
    return request -> {
      String path = request.path();
      String query = request.query();
      if (path != null && plain(path) && (query == null || query.indexOf('%') < 0)) {
        next.handle(request);
      } else if (path == null || UNSAFE_PATH.matcher(path).find()) {
        Failures.render(
            request.response(),
            TwilioError.NOT_FOUND,
            TwilioError.NOT_FOUND.message(path == null ? "" : path));
      } else if (BAD_ESCAPE.matcher(path).find()
          || (query != null && BAD_ESCAPE.matcher(query).find())) {
        Failures.render(
            request.response(),
            TwilioError.MALFORMED_REQUEST,
            TwilioError.MALFORMED_REQUEST.message("malformed percent-encoding in the URL"));
      } else {
        next.handle(request);
      }
    };
  }

  /**
   * Whether {@code path} has none of the characters {@link #UNSAFE_PATH} and {@link #BAD_ESCAPE}
   * look for (a dot, a percent sign, a backslash), so neither can match: the common case, checked
   * without a regular expression on every request.
   */
  static boolean plain(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '%' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Answers a request Netty could not decode (Vert.x's {@code invalidRequestHandler}): 414 for a
   * request line over the limit, 431 for headers over it, 400 otherwise; then closes, since the
   * rest of the stream cannot be trusted to frame a next request.
   */
  public void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    TwilioError error;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      error = TwilioError.URI_TOO_LONG;
      message = error.message(limits.maxRequestLineBytes());
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = TwilioError.HEADERS_TOO_LARGE;
      message = error.message(limits.maxHeaderBytes());
    } else {
      error = TwilioError.MALFORMED_REQUEST;
      message = error.message("the request is not valid HTTP/1.1");
    }
    request.response().putHeader("Connection", "close");
    Failures.render(request.response(), error, message)
        .onComplete(done -> request.connection().close());
  }
}
