package dev.parley.observe;

import dev.parley.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Endpoints for load balancers and Prometheus, outside Twilio's APIs and without Twilio
 * credentials: a load balancer has none, and a Prometheus scrape sends at most a bearer token.
 */
public final class ObserveApi {
  public static final String HEALTH = "/healthz";
  public static final String READY = "/readyz";
  public static final String METRICS = "/metrics";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Readiness readiness;
  private final Metrics metrics;
  private final byte[] metricsToken;

  /**
   * {@code metricsToken}, when not blank, is the bearer token {@code /metrics} requires ({@code
   * PARLEY_METRICS_TOKEN}); otherwise it is open like the other two.
   */
  public ObserveApi(Readiness readiness, Metrics metrics, String metricsToken) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.metricsToken =
        metricsToken == null || metricsToken.isBlank()
            ? null
            : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
  }

  /** Liveness: the process serves requests. */
  public void health(RoutingContext ctx) {
    Replies.send(ctx, 200, Map.of("status", "ok"));
  }

  /** Readiness: 200 when every check passes, else 503 naming each failure. */
  public void ready(RoutingContext ctx) {
    Future.fromCompletionStage(readiness.failures(), ctx.vertx().getOrCreateContext())
        .onSuccess(
            failed -> {
              if (failed.isEmpty()) {
                Replies.send(ctx, 200, Map.of("status", "ready"));
              } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "unavailable");
                body.put("failed", failed);
                Replies.send(ctx, 503, body);
              }
            })
        .onFailure(ctx::fail);
  }

  public void metrics(RoutingContext ctx) {
    if (metricsToken != null && !authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      ctx.response()
          .setStatusCode(401)
          .putHeader("WWW-Authenticate", "Bearer realm=\"parley-metrics\"")
          .end();
      return;
    }
    // Gauges read other threads' state and the JVM's; keep that off the event loop.
    ctx.vertx()
        .executeBlocking(metrics::scrape, false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(text))
        .onFailure(ctx::fail);
  }

  private boolean authorized(String header) {
    return header != null
        && MessageDigest.isEqual(metricsToken, header.getBytes(StandardCharsets.UTF_8));
  }
}
