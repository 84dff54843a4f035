package dev.parley.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.auth.AccessGrant;
import dev.parley.auth.AccessTokens;
import dev.parley.auth.Authenticator;
import dev.parley.conversation.UserService;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.PublicUrl;
import dev.parley.store.Broadcasts;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's WebSocket, {@code GET /v3/wsconnect}: upgrades, keeps the open connections, and runs
 * the one periodic sweep that does every connection's timed work (init deadline, keepalive, token
 * expiry) so that an idle connection costs no timer or thread. Tunnelled requests and token checks
 * run on a worker pool of its own, so realtime load cannot starve the REST API's workers.
 */
public final class TwilsockEndpoint {
  private static final Logger log = LoggerFactory.getLogger(TwilsockEndpoint.class);

  private final Vertx vertx;
  final TokenChecks tokenChecks;
  final Clock clock;
  final Upstream upstream;
  final UpstreamCalls calls;
  final RealtimeSettings settings;
  final ObjectMapper json;
  final WorkerExecutor workers;
  private final Set<TwilsockConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong sessionIds = new AtomicLong();
  private final AtomicLong notificationIds = new AtomicLong();

  /**
   * {@code json} writes the upstream answers and notification payloads (Parley's Twilio
   * conventions); {@code clock} is the time tokens expire by.
   */
  public TwilsockEndpoint(
      Vertx vertx,
      AccessTokens tokens,
      Clock clock,
      Upstream upstream,
      RealtimeSettings settings,
      ObjectMapper json) {
    this.vertx = vertx;
    this.clock = clock;
    this.upstream = upstream;
    this.calls = new UpstreamCalls(upstream, json);
    this.settings = settings;
    this.json = json;
    this.workers = vertx.createSharedWorkerExecutor("parley-realtime", settings.workerThreads());
    this.tokenChecks = new TokenChecks(tokens, workers);
  }

  /** The route handler of {@link TwilsockProtocol#PATH}: anything but an upgrade is a 400. */
  public void upgrade(RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.fail(400);
      return;
    }
    HttpConnection tcp = ctx.request().connection();
    // Came in on tsock.<region>.twilio.com (host mode): its links name Twilio's hosts too.
    String region = PublicUrl.currentRegion();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              Context context = vertx.getOrCreateContext();
              TwilsockConnection connection =
                  new TwilsockConnection(
                      this,
                      new TwilsockSocket(socket, tcp, settings.maxQueuedBytes()),
                      context,
                      "TS" + sessionIds.incrementAndGet(),
                      region);
              connections.add(connection);
              connection.attach();
            })
        .onFailure(
            failure -> log.debug("event=twilsock_upgrade_failed error={}", failure.toString()));
  }

  /** Starts the sweep and the periodic re-check of tokens; call once the server listens. */
  public void start() {
    vertx.setPeriodic(settings.sweepInterval().toMillis(), timer -> sweep());
    vertx.setPeriodic(settings.recheckInterval().toMillis(), timer -> recheck(grant -> true, true));
  }

  /**
   * Ends the connections whose token no longer holds, on every node, within moments of the change:
   * a deleted API key or an account whose status changed (broadcast by {@code authenticator}, whose
   * cache has forgotten it by then), a deleted user ({@link UserService#REMOVED}). Messages lost
   * while a node was not listening are made up for by a fresh check of every connection, which also
   * runs every {@link RealtimeSettings#recheckInterval}.
   */
  public void watch(Authenticator authenticator, Broadcasts broadcasts) {
    authenticator.onRevoked(
        sid -> recheck(g -> g.keySid().equals(sid) || g.accountSid().equals(sid), false));
    broadcasts.listen(UserService.REMOVED, this::userRemoved);
    broadcasts.whenMissed(() -> recheck(grant -> true, true));
  }

  /**
   * Checks the tokens of the open connections {@code which} selects against the live key, account
   * and service, on the workers, and ends those refused; {@code fresh} bypasses the credential
   * cache.
   */
  void recheck(Predicate<AccessGrant> which, boolean fresh) {
    List<TwilsockConnection> open =
        connections.stream().filter(c -> c.isOpen() && which.test(c.grant())).toList();
    if (!open.isEmpty()) {
      workers
          .executeBlocking(
              () -> {
                tokenChecks.recheck(open, fresh);
                return null;
              },
              false)
          .onFailure(e -> log.error("event=token_recheck_not_run", e));
    }
  }

  /** A user was deleted: its connections end (a token names a user, not only a key). */
  private void userRemoved(String message) {
    int space = message.indexOf(' ');
    String service = message.substring(0, space);
    String identity = message.substring(space + 1);
    ApiException why = new ApiException(TwilioError.NOT_FOUND, "/Users/" + identity);
    for (TwilsockConnection connection : connections) {
      AccessGrant grant = connection.isOpen() ? connection.grant() : null;
      if (grant != null
          && grant.serviceSid().equals(service)
          && grant.identity().equals(identity)) {
        connection.revoke(why);
      }
    }
  }

  /** Connections open now, with or without a completed {@code init}. */
  public int connectionCount() {
    return connections.size();
  }

  /**
   * Hands each connection with something due to its own event loop. The check is a few volatile
   * reads, so 100,000 idle connections cost well under a millisecond a sweep.
   */
  private void sweep() {
    Instant now = clock.instant();
    long nanos = System.nanoTime();
    for (TwilsockConnection connection : connections) {
      if (connection.due(now, nanos)) {
        connection.attendLater(now, nanos);
      }
    }
  }

  void forget(TwilsockConnection connection) {
    connections.remove(connection);
  }

  String nextNotificationId() {
    return "TN" + notificationIds.incrementAndGet();
  }

  /** Echoed by the SDK after a reconnect; Parley keeps no state under it. */
  static String continuationToken() {
    return UUID.randomUUID().toString();
  }
}
