package dev.parley.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http_server_requests_seconds} per method, route pattern and status class, through Vert.x's
 * metrics SPI. The route is the pattern Vert.x Web matched ({@code /v1/Conversations/:Sid}), never
 * the raw path, so SIDs cannot grow the label set; it is known before a failure handler takes over,
 * so a 404 for an unknown conversation still counts against its route. A request no specific route
 * matched counts as the mount point of the route table's sub-router it entered ({@code
 * /v1/Conversations/*}, see {@code http/RouteTable}) or {@code unmatched}.
 */
final class RouteMeters
    implements VertxMetricsFactory,
        VertxMetrics,
        HttpServerMetrics<RouteMeters.Exchange, Void, Void> {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD");

  /** Buckets for latency quantiles in Prometheus: a handful, not a full percentile histogram. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  RouteMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One request in progress; touched only by its connection's event loop. */
  static final class Exchange {
    private final long startNanos = System.nanoTime();
    private final String method;
    private String route;

    private Exchange(String method) {
      this.method = method;
    }
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return this;
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
      HttpServerOptions options, SocketAddress localAddress) {
    return this;
  }

  @Override
  public Exchange requestBegin(Void socket, HttpRequest request) {
    String method = request.method().name();
    return new Exchange(METHODS.contains(method) ? method : "OTHER");
  }

  @Override
  public void requestRouted(Exchange exchange, String route) {
    // Every matching route reports here in order: a sub-router's mount point (/v1/Conversations/*)
    // first, the resource's own pattern last. A later mount point never hides a specific pattern.
    if (route != null && (exchange.route == null || !route.endsWith("*"))) {
      exchange.route = route;
    }
  }

  @Override
  public void responseEnd(Exchange exchange, HttpResponse response, long bytesWritten) {
    String route = exchange.route == null ? "unmatched" : exchange.route;
    String status = (response.statusCode() / 100) + "xx";
    timers
        .computeIfAbsent(
            exchange.method + ' ' + route + ' ' + status,
            key ->
                Timer.builder("http.server.requests")
                    .description("HTTP requests by route pattern and status class")
                    .tag("method", exchange.method)
                    .tag("route", route)
                    .tag("status", status)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
        .record(System.nanoTime() - exchange.startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
