package dev.parley.webhooks;

import io.netty.handler.timeout.TimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends webhook calls with Vert.x's client: Twilio's 5-second limit on the whole exchange
 * (https://www.twilio.com/docs/conversations/conversations-webhooks), no redirects followed, the
 * answer's body read and dropped (a receiver cannot make Parley buffer it).
 */
final class WebhookClient implements AutoCloseable {
  static final long TIMEOUT_MILLIS = 5_000;
  static final String USER_AGENT = "TwilioProxy/1.1 (Parley)";
  private final WebClient client;

  WebhookClient(Vertx vertx, int maxConnectionsPerHost) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent(USER_AGENT)
                .setFollowRedirects(false)
                .setConnectTimeout((int) TIMEOUT_MILLIS)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost));
  }

  /** Calls the receiver; the future always completes, with the answer or the failure. */
  CompletableFuture<Outcome> send(WebhookCall call, String authToken, String idempotencyToken) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    long started = System.nanoTime();
    HttpRequest<Void> request;
    try {
      request =
          client
              .requestAbs(call.isGet() ? HttpMethod.GET : HttpMethod.POST, call.requestUrl())
              .timeout(TIMEOUT_MILLIS)
              .followRedirects(false)
              .putHeader("X-Twilio-Signature", call.signature(authToken))
              .putHeader("I-Twilio-Idempotency-Token", idempotencyToken)
              .as(BodyCodec.none());
    } catch (RuntimeException badUrl) {
      done.complete(Outcome.failed("cannot call " + call.url() + ": " + badUrl.getMessage(), 0));
      return done;
    }
    var sent =
        call.isGet()
            ? request.send()
            : request
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .sendBuffer(Buffer.buffer(call.body()));
    // The request timeout fires when no data arrives for 5 s; this caps the whole exchange, for a
    // receiver that trickles its answer.
    sent.timeout(TIMEOUT_MILLIS + 100, TimeUnit.MILLISECONDS)
        .onComplete(
            result -> {
              int latency = (int) ((System.nanoTime() - started) / 1_000_000);
              if (result.succeeded()) {
                var response = result.result();
                done.complete(
                    Outcome.answered(
                        response.statusCode(), response.getHeader("Location"), latency));
              } else {
                done.complete(Outcome.failed(describe(result.cause()), latency));
              }
            });
    return done;
  }

  private static String describe(Throwable failure) {
    if (failure instanceof java.util.concurrent.TimeoutException
        || failure instanceof TimeoutException) {
      return "no answer within 5 s";
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    client.close();
  }
}
