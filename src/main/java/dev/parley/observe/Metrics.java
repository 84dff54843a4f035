package dev.parley.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.spi.VertxMetricsFactory;
import java.util.concurrent.CompletableFuture;

/**
 * One node's meters, scraped as Prometheus text at {@code /metrics}: HTTP requests per route (from
 * Vert.x's metrics SPI, see {@link RouteMeters}), JVM and process basics, and whatever the wiring
 * binds to {@link #registry()} (pool, webhooks, realtime).
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final RouteMeters routes = new RouteMeters(registry);
  private final CompletableFuture<Void> jvm;

  /** Binds the JVM and process meters in the background: they cost start-up time otherwise. */
  public Metrics() {
    jvm =
        CompletableFuture.runAsync(
            () -> {
              new ClassLoaderMetrics().bindTo(registry);
              new JvmMemoryMetrics().bindTo(registry);
              gc.bindTo(registry);
              new JvmThreadMetrics().bindTo(registry);
              new ProcessorMetrics().bindTo(registry);
              new UptimeMetrics().bindTo(registry);
              new FileDescriptorMetrics().bindTo(registry);
            });
  }

  /** Where the other packages' meters go. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Give it to {@code Vertx.builder().withMetrics(…)} so HTTP requests are measured. */
  public VertxMetricsFactory vertxMetrics() {
    return routes;
  }

  /** The Prometheus text exposition (format 0.0.4) of every meter. */
  String scrape() {
    jvm.join();
    return registry.scrape();
  }

  @Override
  public void close() {
    jvm.join();
    gc.close();
    registry.close();
  }
}
