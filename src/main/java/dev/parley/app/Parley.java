package dev.parley.app;

import dev.parley.auth.MasterKey;
import dev.parley.auth.SecretBox;
import dev.parley.http.ClientAddress;
import dev.parley.http.HeaderDeadlines;
import dev.parley.http.HttpEdge;
import dev.parley.http.HttpLimits;
import dev.parley.http.PublicUrl;
import dev.parley.http.RouteTable;
import dev.parley.ids.RandomSids;
import dev.parley.json.Json;
import dev.parley.observe.Metrics;
import dev.parley.observe.ObserveApi;
import dev.parley.observe.Readiness;
import dev.parley.realtime.RealtimeSettings;
import dev.parley.realtime.TunnelRouter;
import dev.parley.realtime.TwilsockEndpoint;
import dev.parley.realtime.TwilsockProtocol;
import dev.parley.realtime.Upstream;
import dev.parley.store.AccountRecord;
import dev.parley.store.Store;
import dev.parley.store.sql.OwnerOnlyFiles;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Parley: store, domain services and the HTTP server, wired once for main and tests. */
public final class Parley implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Parley.class);

  /**
   * Vert.x's worker threads. A request's domain call holds its worker until the store's batch that
   * carries its write commits (group commit), so this bounds how many requests one commit answers:
   * with Vert.x's default of 20, 64 clients posting at once made batches of 20 at most, and Parley
   * answered about half the web chats it does with 128 on SQLite, three quarters on PostgreSQL
   * (bench/RESULTS.md, session 19). A waiting worker costs a parked thread, not CPU.
   */
  static final int WORKER_THREADS = 128;

  static final int MAX_BODY_BYTES = HttpLimits.MAX_BODY_BYTES;

  private final Vertx vertx;
  private final HttpServer server;
  private final HttpServer twilioHosts;
  private final Store store;
  private final Bootstrap.Result bootstrap;
  private final String publicUrl;
  private final Wiring wiring;
  private final Router router;
  private final RouteTable routes;
  private final Metrics metrics;
  private final Readiness readiness;

  private Parley(
      Vertx vertx,
      HttpServer server,
      HttpServer twilioHosts,
      Router router,
      RouteTable routes,
      Store store,
      Bootstrap.Result bootstrap,
      String publicUrl,
      Wiring wiring,
      Metrics metrics,
      Readiness readiness) {
    this.vertx = vertx;
    this.server = server;
    this.twilioHosts = twilioHosts;
    this.router = router;
    this.routes = routes;
    this.store = store;
    this.bootstrap = bootstrap;
    this.publicUrl = publicUrl;
    this.wiring = wiring;
    this.metrics = metrics;
    this.readiness = readiness;
  }

  /** Opens the store, bootstraps it when empty, and starts serving. */
  public static Parley start(Config config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts with {@code clock} as the time of every record and timer (tests move it forward). */
  public static Parley start(Config config, Clock clock) {
    return start(config, clock, RealtimeSettings.DEFAULT, null);
  }

  /**
   * Starts with these realtime timings and, when {@code upstream} is not null, that upstream
   * answering the requests tunnelled through Twilsock instead of Parley's own (transport tests).
   */
  public static Parley start(
      Config config, Clock clock, RealtimeSettings realtime, Upstream upstream) {
    // Owner-only (0700, its files 0600): it holds the master key and, on SQLite, every message.
    OwnerOnlyFiles.directory(config.dataDir());
    // Netty and the store (Flyway, SQLite) each take a few hundred milliseconds to come up: start
    // both at once.
    long begin = System.nanoTime();
    long storeReady;
    // The meters' classes load on the spare core too: Vert.x needs the registry when it starts.
    CompletableFuture<Metrics> metering = CompletableFuture.supplyAsync(Metrics::new);
    CompletableFuture<Vertx> starting =
        metering.thenApply(
            metrics -> {
              Vertx vertx =
                  Vertx.builder()
                      .with(
                          new VertxOptions()
                              .setWorkerPoolSize(WORKER_THREADS)
                              .setMetricsOptions(new MetricsOptions().setEnabled(true)))
                      .withMetrics(metrics.vertxMetrics())
                      .build();
              Json.warmUp();
              return vertx;
            });
    SecretBox box = new SecretBox(MasterKey.load(config.masterKey(), config.dataDir()));
    Store store;
    try {
      store = config.openStore();
      storeReady = System.nanoTime();
    } catch (RuntimeException e) {
      starting.thenAccept(Vertx::close);
      throw e;
    }
    try {
      RandomSids sids = new RandomSids();
      PublicUrl publicUrl = new PublicUrl();
      Wiring wiring =
          Wiring.wire(
              store,
              clock,
              sids,
              box,
              config.webhooks(),
              publicUrl,
              config.outbound(),
              config.media());
      Bootstrap.Result bootstrap =
          Bootstrap.run(
              config,
              store,
              wiring.accounts(),
              wiring.addresses(),
              wiring.webchatDeployments(),
              sids);
      // On the spare core while the routes are built: the account an operator will call first.
      AccountRecord first = store.read(tx -> store.accounts().first(tx));
      requireMasterKeyOpens(config, wiring, first);
      String firstAccount = first.sid();
      // Once per store, ever: a new store's and an older store's first start (docs/studio.md).
      wiring
          .studio()
          .webchatFlow()
          .ensure(firstAccount)
          .ifPresent(flow -> log.info("event=webchat_flow_created flow={}", flow));
      CompletableFuture.runAsync(() -> wiring.authenticator().preload(firstAccount));
      Vertx vertx = starting.join();
      Metrics metrics = metering.join();
      Router router = Router.router(vertx);
      TwilsockEndpoint twilsock =
          new TwilsockEndpoint(
              vertx,
              wiring.accessTokens(),
              clock,
              upstream != null ? upstream : wiring.realtime(),
              realtime,
              Json.MAPPER);
      twilsock.watch(wiring.authenticator(), store.broadcasts());
      // Ready while the store answers a trivial query; /metrics sees the pool, webhooks, realtime.
      Readiness readiness =
          new Readiness().check("store", () -> store.read(tx -> store.accounts().first(tx)));
      Instruments.bind(
          metrics, store, wiring.deliveries(), twilsock, wiring.sync().subscriptions());
      RouteTable routes =
          Routes.register(
              vertx,
              router,
              wiring,
              publicUrl,
              config.webchatLimits(),
              new ClientAddress(config.trustedProxies()),
              twilsock,
              new ObserveApi(readiness, metrics, config.metricsToken()));
      HttpLimits limits = config.http();
      HttpEdge edge = new HttpEdge(limits);
      HeaderDeadlines deadlines = new HeaderDeadlines(vertx, limits.headerTimeout());
      HttpServer server =
          vertx
              .createHttpServer(serverOptions(config.host(), config.port(), limits))
              .connectionHandler(deadlines::connected)
              .invalidRequestHandler(edge::invalid)
              .requestHandler(deadlines.then(edge.guard(router)));
      // Twilio host mode: the same routes over TLS, for Twilio's hostnames (docs/twilio-hosts.md).
      HttpServer twilioHosts = null;
      if (config.twilioHosts() != null) {
        twilioHosts =
            vertx
                .createHttpServer(
                    TwilioHostsListener.options(
                        serverOptions(config.host(), config.twilioHosts().port(), limits),
                        LocalAuthority.ensure(config.dataDir(), Clock.systemUTC())))
                .connectionHandler(deadlines::connected)
                .invalidRequestHandler(edge::invalid)
                .requestHandler(PublicUrl.onTwilioHosts(deadlines.then(edge.guard(router))));
      }
      // Requests are accepted once listen() has bound; the URL base is known before any can arrive
      // except with port 0, whose number nobody can know until listen() returns.
      if (config.port() != 0) {
        publicUrl.resolve(config.publicUrlFor(config.port()));
      }
      server.listen().await(30, TimeUnit.SECONDS);
      if (twilioHosts != null) {
        listenForTwilioHosts(twilioHosts, config.twilioHosts().port());
      }
      TimerSweep.start(vertx, wiring.conversations(), wiring.studio().executions());
      MediaSweep.start(vertx, wiring.media());
      twilsock.start();
      wiring.deliveries().start(vertx);
      publicUrl.resolve(config.publicUrlFor(server.actualPort()));
      if (twilioHosts != null) {
        log.info("event=twilio_hosts_listening port={}", twilioHosts.actualPort());
      }
      log.info(
          "event=started port={} public_url={} store_ms={} total_ms={}",
          server.actualPort(),
          publicUrl.base(),
          (storeReady - begin) / 1_000_000,
          (System.nanoTime() - begin) / 1_000_000);
      return new Parley(
          vertx,
          server,
          twilioHosts,
          router,
          routes,
          store,
          bootstrap,
          publicUrl.base(),
          wiring,
          metrics,
          readiness);
    } catch (RuntimeException e) {
      store.close();
      starting.thenAccept(Vertx::close);
      throw e;
    } catch (Exception e) {
      store.close();
      starting.thenAccept(Vertx::close);
      throw new IllegalStateException("Parley failed to start", e);
    }
  }

  /** Binds host mode's listener; a port it may not take says how to allow it. */
  private static void listenForTwilioHosts(HttpServer listener, int port) throws Exception {
    try {
      listener.listen().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Twilio host mode cannot listen on port "
              + port
              + " (--twilio-hosts-port, PARLEY_TWILIO_HOSTS_PORT)"
              + (port > 0 && port < 1024
                  ? "; a port below 1024 needs privileges: ./parley trust shows how"
                  : ""),
          e);
    }
  }

  /** The listeners' options: the HTTP edge's limits, realtime frame sizes. */
  private static HttpServerOptions serverOptions(String host, int port, HttpLimits limits) {
    return new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        // Vert.x caps one form field at 8 KB and fails the request (a 500) beyond
        // it; a 1,600-character Body or a large Attributes JSON is bigger once
        // percent-encoded, so a field may be as large as the whole body.
        .setMaxFormAttributeSize(MAX_BODY_BYTES)
        .setMaxFormFields(limits.maxFormFields())
        .setMaxInitialLineLength(limits.maxRequestLineBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())
        // Nothing sent or received for this long closes the connection; Twilsock's
        // pings (every 25 s) keep an idle realtime socket alive.
        // Cleartext HTTP/2 makes Netty hold a new connection's first 24 bytes
        // to look for its preface, and Vert.x learns of the connection only then:
        // a client that stalls sooner would escape the request-head deadline. No
        // Twilio client speaks h2c.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout((int) limits.idleTimeout().toMillis())
        // A Twilsock frame may be 1 MiB, in one WebSocket frame or several.
        .setMaxWebSocketFrameSize(TwilsockProtocol.MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(TwilsockProtocol.MAX_FRAME_BYTES)
        // Deflate keeps ~300 KB of zlib state per socket; idle sockets must be cheap.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  /**
   * Fails the start, saying what to do, when the store's secrets were sealed under another master
   * key: every authenticated request would fail otherwise.
   */
  private static void requireMasterKeyOpens(Config config, Wiring wiring, AccountRecord first) {
    try {
      wiring.accounts().authToken(first);
    } catch (SecretBox.WrongKey e) {
      throw new IllegalStateException(MasterKey.mismatch(config.masterKey(), config.dataDir()), e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** The port of Twilio host mode's TLS listener; -1 when host mode is off. */
  public int twilioHostsPort() {
    return twilioHosts == null ? -1 : twilioHosts.actualPort();
  }

  public String publicUrl() {
    return publicUrl;
  }

  /** The account created on first start, or null when the store already had one. */
  public String bootstrappedAccountSid() {
    return bootstrap == null ? null : bootstrap.accountSid();
  }

  /** The auth token Parley generated on first start; null otherwise. Shown once, then forgotten. */
  public String generatedAuthToken() {
    return bootstrap == null ? null : bootstrap.generatedToken();
  }

  /** This node's name in the store's webhook lane leases ({@code <pid>-<random>}). */
  public String webhookNode() {
    return wiring.deliveries().node();
  }

  /** Whether a route is registered for exactly {@code path}. */
  boolean serves(String path) {
    // Routes under a mount point sit on its sub-router, named by their whole declared path.
    return RouteTable.routes(router).stream().anyMatch(route -> path.equals(route.getName()));
  }

  /** The running router, every route as declared in {@link Routes}. */
  Router router() {
    return router;
  }

  /** The route table the router was built from: its namespaces for unmatched requests. */
  RouteTable routes() {
    return routes;
  }

  /** The routes tunnelled through the Twilsock connection, as declared in {@link TunnelRoutes}. */
  TunnelRouter tunnel() {
    return wiring.realtime().routes();
  }

  Wiring wiring() {
    return wiring;
  }

  Store store() {
    return store;
  }

  /** Stops accepting, lets in-flight requests finish, then closes the store. */
  @Override
  public void close() {
    readiness.shuttingDown();
    try {
      var hostMode = twilioHosts == null ? null : twilioHosts.shutdown(10, TimeUnit.SECONDS);
      server.shutdown(10, TimeUnit.SECONDS).await(15, TimeUnit.SECONDS);
      if (hostMode != null) {
        hostMode.await(15, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      log.warn("event=shutdown_incomplete", e);
    }
    // A flow's call cut short by this stop is not its answer: the timer sweep fails it later.
    wiring.studio().executions().close();
    // Before Vert.x and the store: the engine saves the outcomes of calls still in flight.
    wiring.deliveries().close();
    try {
      vertx.close().await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("event=vertx_close_incomplete", e);
    }
    readiness.close();
    store.close();
    metrics.close();
    log.info("event=stopped");
  }
}
