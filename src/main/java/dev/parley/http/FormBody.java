package dev.parley.http;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The edge handler that reads a request's body, at most {@code maxBytes} (else 413, 20413), and
 * decodes it as a form ({@link UrlEncodedForm}) for {@link Params#form}. Twilio's APIs take
 * form-encoded bodies only: a POST that carries a body of another type is answered 415 (20415)
 * rather than silently read as "no parameters".
 *
 * <p>Does what Vert.x's {@code BodyHandler} did here (the size limit before and while reading,
 * {@code Expect: 100-continue}) without handing the body to Netty's form decoder.
 */
public final class FormBody implements Handler<RoutingContext> {
  private static final String KEY = "parley.form";
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";

  /** As Vert.x's body handler: the buffer grows past this if a large body needs it. */
  private static final int MAX_PREALLOCATED_BYTES = 64 * 1024;

  private final int maxBytes;
  private final int maxFields;

  public FormBody(int maxBytes, int maxFields) {
    this.maxBytes = maxBytes;
    this.maxFields = maxFields;
  }

  /** The form fields of {@code ctx}'s request; empty when it had no form body. */
  public static MultiMap of(RoutingContext ctx) {
    MultiMap form = ctx.get(KEY);
    return form != null ? form : MultiMap.caseInsensitiveMultiMap();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long length = contentLength(request);
    // A request with a body has a Content-Length or is chunked (RFC 9112 §6.3).
    if (length < 0 && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      ctx.next();
      return;
    }
    if (length > maxBytes) {
      ctx.fail(413);
      return;
    }
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        ctx.fail(417);
        return;
      }
      // RFC 9110 §10.1.1: an HTTP/1.0 request's expectation is ignored.
      if (request.version() != HttpVersion.HTTP_1_0) {
        ctx.response().writeContinue();
      }
    }
    new Reading(ctx, length).start();
  }

  /** One request's body as it arrives. */
  private final class Reading {
    private final RoutingContext ctx;
    private final Buffer body;
    private boolean refused;

    Reading(RoutingContext ctx, long length) {
      this.ctx = ctx;
      this.body = Buffer.buffer(length > 0 ? (int) Math.min(length, MAX_PREALLOCATED_BYTES) : 256);
    }

    void start() {
      ctx.request()
          .handler(this::chunk)
          .endHandler(ended -> end())
          .exceptionHandler(this::broken)
          .resume();
    }

    private void chunk(Buffer chunk) {
      if (refused) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        refused = true;
        ctx.fail(413);
      } else {
        body.appendBuffer(chunk);
      }
    }

    private void broken(Throwable failure) {
      refused = true;
      if (failure instanceof DecoderException) {
        ctx.fail(
            new ApiException(
                TwilioError.MALFORMED_REQUEST, "the request body is not valid HTTP/1.1"));
      } else {
        ctx.fail(failure);
      }
    }

    private void end() {
      if (refused || ctx.failed()) {
        return;
      }
      String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      if (isForm(type)) {
        try {
          ctx.put(KEY, UrlEncodedForm.decode(body.getBytes(), maxFields));
        } catch (ApiException malformed) {
          ctx.fail(malformed);
          return;
        }
      } else if (ctx.request().method() == HttpMethod.POST && body.length() > 0) {
        Failures.render(
            ctx,
            TwilioError.UNSUPPORTED_MEDIA_TYPE,
            TwilioError.UNSUPPORTED_MEDIA_TYPE.message(type));
        return;
      }
      ctx.next();
    }
  }

  private static boolean isForm(String type) {
    return type != null && type.regionMatches(true, 0, FORM_TYPE, 0, FORM_TYPE.length());
  }

  /** The declared length, or -1 when there is none or it is not a number. */
  private static long contentLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null || value.isEmpty()) {
      return -1;
    }
    try {
      long length = Long.parseLong(value);
      return length < 0 ? -1 : length;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
