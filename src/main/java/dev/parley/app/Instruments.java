package dev.parley.app;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.parley.observe.Metrics;
import dev.parley.realtime.TwilsockEndpoint;
import dev.parley.realtime.sync.Subscriptions;
import dev.parley.store.Store;
import dev.parley.store.sql.PostgresStore;
import dev.parley.webhooks.DeliveryEngine;
import dev.parley.webhooks.DeliveryMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Binds the meters of the packages that know no Micrometer (the store's pool, webhook delivery,
 * realtime) to the node's registry, each through a seam its package already has.
 */
final class Instruments {
  private Instruments() {}

  static void bind(
      Metrics metrics,
      Store store,
      DeliveryEngine deliveries,
      TwilsockEndpoint twilsock,
      Subscriptions subscriptions) {
    MeterRegistry registry = metrics.registry();
    // hikaricp_connections_active/idle/pending/max…, tagged pool="parley-postgresql". SQLite's
    // readers are local file handles: their pool is not worth a dashboard.
    if (store instanceof PostgresStore postgres) {
      postgres.trackPool(new MicrometerMetricsTrackerFactory(registry));
    }
    deliveries.meter(new WebhookMeters(registry));
    Gauge.builder("parley.realtime.connections", twilsock, TwilsockEndpoint::connectionCount)
        .description("Open Twilsock WebSocket connections, with or without a completed init")
        .register(registry);
    Gauge.builder("parley.realtime.subscribed.objects", subscriptions, Subscriptions::objectCount)
        .description("Sync objects with at least one subscriber on this node")
        .register(registry);
  }

  /** The delivery engine's reports as Prometheus meters. */
  private static final class WebhookMeters implements DeliveryMeter {
    private final Map<String, Counter> outcomes;
    private final Timer lag;
    private final Counter takenOverHere;
    private final Counter takenOverLost;
    private volatile int pending;
    private volatile int inFlight;
    private volatile int lanesHeld;

    WebhookMeters(MeterRegistry registry) {
      outcomes =
          Stream.of("delivered", "retry", "dead")
              .collect(
                  Collectors.toMap(
                      outcome -> outcome,
                      outcome ->
                          Counter.builder("parley.webhook.deliveries")
                              .description("Webhook attempts saved, by what came of them")
                              .tag("outcome", outcome)
                              .register(registry)));
      lag =
          Timer.builder("parley.webhook.outbox.lag")
              .description("From a delivery's queuing to its first attempt")
              .serviceLevelObjectives(
                  Duration.ofMillis(10),
                  Duration.ofMillis(50),
                  Duration.ofMillis(250),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(30))
              .register(registry);
      Gauge.builder("parley.webhook.pending.loaded", this, meters -> meters.pending)
          .description("Pending deliveries the engine holds in memory (at most 20,000)")
          .register(registry);
      Gauge.builder("parley.webhook.in.flight", this, meters -> meters.inFlight)
          .description("Webhook calls awaiting an answer")
          .register(registry);
      Gauge.builder("parley.webhook.lanes.held", this, meters -> meters.lanesHeld)
          .description("Webhook lanes (target and conversation) this node holds the lease of")
          .register(registry);
      takenOverHere = takeovers(registry, "here");
      takenOverLost = takeovers(registry, "lost");
    }

    private static Counter takeovers(MeterRegistry registry, String side) {
      return Counter.builder("parley.webhook.lanes.taken.over")
          .description(
              "Webhook lanes that changed hands: here = from a node whose lease ran out, lost ="
                  + " to another node")
          .tag("side", side)
          .register(registry);
    }

    @Override
    public void lanesHeld(int lanes) {
      this.lanesHeld = lanes;
    }

    @Override
    public void takenOver(int here, int lost) {
      takenOverHere.increment(here);
      takenOverLost.increment(lost);
    }

    @Override
    public void firstAttempt(long lagMillis) {
      lag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void settled(String outcome) {
      Counter counter = outcomes.get(outcome);
      if (counter != null) {
        counter.increment();
      }
    }

    @Override
    public void queue(int pendingLoaded, int inFlight) {
      this.pending = pendingLoaded;
      this.inFlight = inFlight;
    }
  }
}
