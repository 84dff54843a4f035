package dev.parley.webhooks;

import io.netty.handler.timeout.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the calls Parley sends on a user's behalf (webhook deliveries, pre-action hooks) with
 * Vert.x's client: Twilio's 5-second limit on the whole exchange
 * (https://www.twilio.com/docs/conversations/conversations-webhooks), no redirects followed, the
 * answer's body dropped or read up to a limit (a receiver cannot make Parley buffer it).
 *
 * <p>Each call resolves its host on a worker ({@code parley-webhook-dns}), has {@link OutboundRule}
 * vet every address, and connects to the vetted address itself ({@link RequestOptions#setServer});
 * the URL's host stays the {@code Host} header, the TLS SNI and the name the certificate is
 * verified against. So a refused host is never connected to (the delivery log cannot tell an open
 * internal port from a closed one), and a name that resolves elsewhere after the check (DNS
 * rebinding) is not called there.
 */
final class WebhookClient implements AutoCloseable {
  /** Twilio's limit on a webhook call; a delivery's may be set otherwise ({@link #send}). */
  static final long TIMEOUT_MILLIS = 5_000;

  static final String USER_AGENT = "TwilioProxy/1.1 (Parley)";
  private static final int LOOKUP_THREADS = 8;
  private final HttpClientAgent client;
  private final WorkerExecutor lookups;
  private final OutboundRule rule;

  /**
   * An answer: its status, {@code Location}, {@code Content-Type}, and body (null when not read or
   * too long).
   */
  record Answer(int status, String location, String contentType, byte[] body) {}

  /** A request other than a webhook's form (Studio's HTTP widgets): headers and body as given. */
  record Plain(HttpMethod method, String url, Map<String, String> headers, String body) {}

  WebhookClient(Vertx vertx, int maxConnectionsPerHost, OutboundRule rule) {
    this.rule = rule;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MILLIS).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost));
    this.lookups = vertx.createSharedWorkerExecutor("parley-webhook-dns", LOOKUP_THREADS);
  }

  /**
   * Delivers a webhook, cut off after {@code timeoutMillis}; the future always completes, with the
   * answer or the failure. A host the rule refuses is an outcome that called nothing. {@code
   * operatorTarget} is for the URL the operator configured ({@code PARLEY_STUDIO_URL}), which no
   * user can point elsewhere: like GitLab's system hooks, it may be internal without being allowed.
   */
  CompletableFuture<Outcome> send(
      WebhookCall call,
      String authToken,
      String idempotencyToken,
      boolean operatorTarget,
      long timeoutMillis) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    long started = System.nanoTime();
    exchange(call, authToken, idempotencyToken, !operatorTarget, 0, timeoutMillis)
        .onComplete(
            result -> {
              int latency = (int) ((System.nanoTime() - started) / 1_000_000);
              if (result.succeeded()) {
                Answer answer = result.result();
                done.complete(Outcome.answered(answer.status(), answer.location(), latency));
              } else if (result.cause() instanceof OutboundRule.Refused refused) {
                done.complete(Outcome.refused(refused.getMessage()));
              } else {
                done.complete(
                    Outcome.failed(describe(call, result.cause(), timeoutMillis), latency));
              }
            });
    return done;
  }

  /** Calls a pre-action hook and reads up to {@code maxBody} bytes of its answer. */
  CompletableFuture<Answer> ask(WebhookCall call, String authToken, int maxBody) {
    return exchange(call, authToken, null, true, maxBody, TIMEOUT_MILLIS)
        .toCompletionStage()
        .toCompletableFuture();
  }

  /**
   * Makes {@code request} under the rule, reading up to {@code maxBody} bytes of the answer within
   * {@code timeoutMillis} for the whole exchange.
   */
  CompletableFuture<Answer> fetch(Plain request, int maxBody, long timeoutMillis) {
    return exchange(
            request.method(),
            request.url(),
            request.url(),
            request.headers(),
            request.body(),
            true,
            maxBody,
            timeoutMillis)
        .toCompletionStage()
        .toCompletableFuture();
  }

  private Future<Answer> exchange(
      WebhookCall call,
      String authToken,
      String idempotencyToken,
      boolean vet,
      int maxBody,
      long timeoutMillis) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Twilio-Signature", call.signature(authToken));
    if (idempotencyToken != null) {
      headers.put("I-Twilio-Idempotency-Token", idempotencyToken);
    }
    if (!call.isGet()) {
      headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }
    return exchange(
        call.isGet() ? HttpMethod.GET : HttpMethod.POST,
        call.requestUrl(),
        call.url(),
        headers,
        call.isGet() ? null : call.body(),
        vet,
        maxBody,
        timeoutMillis);
  }

  private Future<Answer> exchange(
      HttpMethod method,
      String requestUrl,
      String shownUrl,
      Map<String, String> headers,
      String body,
      boolean vet,
      int maxBody,
      long timeoutMillis) {
    URI uri;
    boolean https;
    try {
      uri = URI.create(requestUrl);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      https = scheme.equals("https");
      if (!https && !scheme.equals("http") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an absolute http or https URL");
      }
    } catch (IllegalArgumentException badUrl) {
      return Future.failedFuture(
          new IllegalArgumentException("cannot call " + shownUrl + ": " + badUrl.getMessage()));
    }
    String urlHost = uri.getHost();
    String host = OutboundRule.bare(urlHost);
    int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
    String path =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    // A lookup has its own limit: the exchange's limit below starts with the request, as the
    // client's own timeout does, so that this one fires second and the connection is dropped
    // before the call counts as over (and its origin admits another).
    return lookups
        .executeBlocking(() -> vet ? rule.vet(host) : InetAddress.getByName(host), false)
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .compose(
            address -> {
              RequestOptions options =
                  new RequestOptions()
                      .setMethod(method)
                      .setServer(
                          SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                      // As the URL writes it: an IPv6 literal keeps its brackets in Host.
                      .setHost(urlHost)
                      .setPort(port)
                      .setSsl(https)
                      .setURI(path)
                      .setTimeout(timeoutMillis)
                      .setFollowRedirects(false)
                      .putHeader("User-Agent", USER_AGENT);
              headers.forEach(options::putHeader);
              return request(options, body, maxBody, timeoutMillis);
            });
  }

  private Future<Answer> request(
      RequestOptions options, String body, int maxBody, long timeoutMillis) {
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    Future<Answer> answer =
        client
            .request(options)
            .compose(
                request -> {
                  sent.set(request);
                  return body == null ? request.send() : request.send(Buffer.buffer(body));
                })
            .compose(response -> read(response, maxBody));
    // The request timeout fires when no data arrives for a while; this caps the whole exchange, for
    // a
    // receiver that trickles its answer. A call that failed is over once its connection is closed,
    // so that a hanging receiver never holds more connections than its origin's share of calls.
    return answer
        .timeout(timeoutMillis + 100, TimeUnit.MILLISECONDS)
        .recover(
            failure -> {
              HttpClientRequest request = sent.get();
              if (request == null || request.connection() == null) {
                return Future.failedFuture(failure);
              }
              return request
                  .connection()
                  .close()
                  .transform(closed -> Future.<Answer>failedFuture(failure));
            });
  }

  /** The answer once its body has ended; the body read only when {@code maxBody} > 0. */
  private static Future<Answer> read(HttpClientResponse response, int maxBody) {
    int status = response.statusCode();
    String location = response.getHeader("Location");
    String type = response.getHeader("Content-Type");
    if (maxBody <= 0) {
      return response.end().map(done -> new Answer(status, location, type, null));
    }
    Promise<Answer> read = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (body.length() + chunk.length() > maxBody) {
            if (read.tryComplete(new Answer(status, location, type, null))) {
              response.request().reset();
            }
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(read::tryFail);
    response.endHandler(
        end -> read.tryComplete(new Answer(status, location, type, body.getBytes())));
    return read.future();
  }

  private static String describe(WebhookCall call, Throwable failure, long timeoutMillis) {
    if (failure instanceof java.util.concurrent.TimeoutException
        || failure instanceof TimeoutException) {
      return "no answer within "
          + (timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms");
    }
    if (failure instanceof IllegalArgumentException badUrl) {
      return badUrl.getMessage();
    }
    if (failure instanceof java.net.UnknownHostException) {
      return "cannot resolve " + URI.create(call.url()).getHost();
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    client.close();
    lookups.close();
  }
}
