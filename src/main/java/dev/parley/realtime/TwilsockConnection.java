package dev.parley.realtime;

import static dev.parley.realtime.TwilsockFrames.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessGrant;
import dev.parley.error.ApiException;
import dev.parley.http.PublicUrl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Twilsock connection. Everything but {@link #notify}, {@link #isOpen} and {@link #due} runs on
 * the socket's event loop, so its state needs no locks; the fields other threads read are volatile.
 * Kept small: 100,000 idle connections should fit in a couple of GiB with their sockets.
 */
final class TwilsockConnection implements Session {
  private static final Logger log = LoggerFactory.getLogger(TwilsockConnection.class);

  private enum Phase {
    AWAITING_INIT,
    VERIFYING,
    OPEN,
    CLOSED
  }

  private final TwilsockEndpoint endpoint;
  private final TwilsockSocket socket;
  private final Context context;
  private final String id;

  /** The Twilio region it came in on (host mode), for the URLs in its answers; else null. */
  private final String region;

  private final long connectedNanos = System.nanoTime();
  private volatile Phase phase = Phase.AWAITING_INIT;
  private volatile AccessGrant grant;
  private volatile boolean warned;
  private volatile long lastHeardNanos = connectedNanos;
  private volatile long lastPingNanos = connectedNanos;
  private int inFlight;

  /** What waits for the client's acknowledgements; null while nothing does. */
  private AwaitedAcknowledgements awaited;

  private boolean opened;
  private String closeReason = "peer_closed";

  TwilsockConnection(
      TwilsockEndpoint endpoint, TwilsockSocket socket, Context context, String id, String region) {
    this.endpoint = endpoint;
    this.socket = socket;
    this.context = context;
    this.id = id;
    this.region = region;
  }

  void attach() {
    socket.listen(
        this::received,
        // A text frame is no Twilsock frame (the SDK's own parser ignores them too).
        text -> refuse(status(TwilsockProtocol.BAD_REQUEST, 0, "Twilsock frames are binary")),
        () -> lastHeardNanos = System.nanoTime(),
        this::failed,
        // 308 makes the SDK reconnect (to the next instance) and catch up.
        () ->
            closeWith(
                status(TwilsockProtocol.RECONNECT, 0, "Server is restarting"), "server_shutdown"),
        this::closed);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public AccessGrant grant() {
    return grant;
  }

  @Override
  public boolean isOpen() {
    return phase == Phase.OPEN;
  }

  @Override
  public void notify(String messageType, Object payload) {
    notify(messageType, payload, null);
  }

  @Override
  public void notify(String messageType, Object payload, Runnable whenAcknowledged) {
    if (phase != Phase.OPEN) {
      return;
    }
    notifyWritten(messageType, UpstreamCalls.jsonObject(endpoint.json, payload), whenAcknowledged);
  }

  @Override
  public void notifyWritten(String messageType, byte[] body, Runnable whenAcknowledged) {
    if (phase != Phase.OPEN) {
      return;
    }
    String frameId = endpoint.nextNotificationId();
    byte[] frame = TwilsockFrames.notification(frameId, messageType, body);
    // Tasks from one thread run in submission order: notifications keep their call order.
    context.runOnContext(
        ignored -> {
          if (whenAcknowledged != null && awaited == null && phase == Phase.OPEN) {
            awaited = new AwaitedAcknowledgements();
          }
          if (awaited != null) {
            awaited.sent(frameId, whenAcknowledged);
          }
          send(frame);
        });
  }

  @Override
  public void reconnect(String why) {
    context.runOnContext(
        ignored -> closeWith(status(TwilsockProtocol.RECONNECT, 0, why), "reconnect_requested"));
  }

  /**
   * Ends the connection because what its token relies on was revoked (its API key deleted, its
   * account suspended or closed, its user deleted): {@code close} 401, after which the SDK goes
   * "disconnected" and does not reconnect, with the reason's Twilio code. Safe from any thread.
   */
  void revoke(ApiException why) {
    context.runOnContext(
        ignored -> {
          if (phase == Phase.OPEN) {
            log.info(
                "event=twilsock_revoked session={} identity={} code={}",
                id,
                identity(),
                why.error().code());
          }
          closeWith(
              status(TwilsockProtocol.UNAUTHORIZED, why.error().code(), why.getMessage()),
              "revoked");
        });
  }

  private void received(Buffer buffer) {
    lastHeardNanos = System.nanoTime();
    if (phase == Phase.CLOSED) {
      return;
    }
    TwilsockFrame frame;
    try {
      frame = TwilsockFrame.parse(buffer.getBytes());
    } catch (MalformedFrameException e) {
      refuse(status(TwilsockProtocol.BAD_REQUEST, 0, "Malformed frame: " + e.getMessage()));
      return;
    }
    switch (frame.method()) {
      case TwilsockProtocol.INIT -> init(frame);
      case TwilsockProtocol.CLOSE -> closeSocket("client_closed");
      case TwilsockProtocol.REPLY -> acknowledged(frame); // the SDK's acknowledgement of a frame
      default -> {
        if (phase != Phase.OPEN) {
          send(error(frame, TwilsockProtocol.BAD_REQUEST, "init first"));
          closeSocket("no_init");
        } else {
          opened(frame);
        }
      }
    }
  }

  private void acknowledged(TwilsockFrame frame) {
    if (awaited != null && frame.id() != null) {
      awaited.acknowledged(frame.id());
      if (awaited.isEmpty()) {
        awaited = null; // an idle connection keeps no map
      }
    }
  }

  private void opened(TwilsockFrame frame) {
    switch (frame.method()) {
      case TwilsockProtocol.MESSAGE -> tunnel(frame);
      case TwilsockProtocol.UPDATE -> update(frame);
      case TwilsockProtocol.PING -> send(TwilsockFrames.ok(frame.id()));
      default -> send(error(frame, TwilsockProtocol.BAD_REQUEST, "Unsupported method"));
    }
  }

  private void init(TwilsockFrame frame) {
    if (phase != Phase.AWAITING_INIT) {
      send(error(frame, TwilsockProtocol.BAD_REQUEST, "Already initialised"));
      return;
    }
    phase = Phase.VERIFYING;
    endpoint.tokenChecks.verify(token(frame)).onComplete(verified -> initialised(frame, verified));
  }

  private void initialised(TwilsockFrame frame, AsyncResult<AccessGrant> verified) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (verified.failed()) {
      deny(frame, verified.cause(), "init");
      return;
    }
    AccessGrant granted = verified.result();
    grant = granted;
    phase = Phase.OPEN;
    opened = true;
    send(TwilsockFrames.initialised(frame.id(), TwilsockEndpoint.continuationToken()));
    log.info(
        "event=twilsock_opened session={} identity={} account={} service={} expires={}",
        id,
        granted.identity(),
        granted.accountSid(),
        granted.serviceSid(),
        granted.expiresAt());
    try {
      endpoint.upstream.opened(this);
    } catch (RuntimeException e) {
      log.error("event=upstream_opened_failed session={} identity={}", id, granted.identity(), e);
    }
    attend(endpoint.clock.instant(), System.nanoTime());
  }

  /** A new token for the same account, service and identity; the expiry warning is re-armed. */
  private void update(TwilsockFrame frame) {
    if (inFlight >= endpoint.settings.maxInFlight()) {
      send(error(frame, TwilsockProtocol.TOO_MANY_REQUESTS, "Too many requests in flight"));
      return;
    }
    inFlight++;
    endpoint
        .tokenChecks
        .verifyUpdate(grant, token(frame))
        .onComplete(verified -> updated(frame, verified));
  }

  private void updated(TwilsockFrame frame, AsyncResult<AccessGrant> verified) {
    inFlight--;
    if (phase != Phase.OPEN) {
      return;
    }
    if (verified.failed()) {
      deny(frame, verified.cause(), "update");
      return;
    }
    AccessGrant next = verified.result();
    grant = next;
    warned = false;
    send(TwilsockFrames.ok(frame.id()));
    log.info(
        "event=twilsock_token_updated session={} identity={} expires={}",
        id,
        next.identity(),
        next.expiresAt());
    attend(endpoint.clock.instant(), System.nanoTime());
  }

  private void deny(TwilsockFrame frame, Throwable cause, String during) {
    if (cause instanceof ApiException api) {
      log.info(
          "event=twilsock_denied session={} identity={} during={} code={}",
          id,
          identity(),
          during,
          api.error().code());
    } else {
      log.error("event=token_check_failed session={} identity={}", id, identity(), cause);
    }
    send(TwilsockFrames.error(frame.id(), TokenChecks.refusal(cause)));
    closeSocket("denied");
  }

  private void tunnel(TwilsockFrame frame) {
    UpstreamRequest request;
    try {
      request = TunnelledRequests.decode(frame);
    } catch (MalformedFrameException e) {
      send(error(frame, TwilsockProtocol.BAD_REQUEST, e.getMessage()));
      return;
    }
    if (inFlight >= endpoint.settings.maxInFlight()) {
      send(UpstreamCalls.tooManyRequests(frame.id()));
      return;
    }
    inFlight++;
    endpoint
        .workers
        .executeBlocking(
            () -> PublicUrl.within(region, () -> endpoint.calls.answer(this, frame.id(), request)),
            false)
        .onComplete(
            answered -> {
              if (answered.failed()) {
                inFlight--;
                log.error("event=upstream_not_run session={}", id, answered.cause());
                return;
              }
              UpstreamCalls.Answer answer = answered.result();
              if (answer.holdNanos() > 0) {
                long millis = Math.max(1, (answer.holdNanos() + 999_999) / 1_000_000);
                context.owner().setTimer(millis, timer -> reply(answer));
              } else {
                reply(answer);
              }
            });
  }

  /** Sends a tunnelled request's reply, then runs what must follow it. */
  private void reply(UpstreamCalls.Answer answer) {
    send(answer.frame());
    Runnable then = answer.then();
    if (then == null) {
      inFlight--;
      return;
    }
    // Queued after the reply: what `then` notifies reaches the client after it. It counts as in
    // flight until it is done.
    endpoint
        .workers
        .executeBlocking(
            () -> {
              then.run();
              return null;
            },
            false)
        .onComplete(
            done -> {
              inFlight--;
              if (done.failed()) {
                log.error("event=upstream_not_run session={}", id, done.cause());
              }
            });
  }

  /** Whether the sweep has work here: volatile reads only, from the sweep's thread. */
  boolean due(Instant now, long nanos) {
    return phase != Phase.CLOSED && deadline(now, nanos) != Deadline.NONE;
  }

  void attendLater(Instant now, long nanos) {
    context.runOnContext(ignored -> attend(now, nanos));
  }

  private Deadline deadline(Instant now, long nanos) {
    return Deadline.of(
        endpoint.settings,
        phase == Phase.OPEN ? grant : null,
        warned,
        connectedNanos,
        lastHeardNanos,
        lastPingNanos,
        now,
        nanos);
  }

  /**
   * Does what is due. The SDK has no expiry timer of its own: the server warns {@code tokenWarning}
   * ahead (at once when less is left) and closes with 410 at expiry.
   */
  private void attend(Instant now, long nanos) {
    if (phase == Phase.CLOSED) {
      return;
    }
    switch (deadline(now, nanos)) {
      case INIT_TIMEOUT ->
          closeWith(status(TwilsockProtocol.INIT_TIMEOUT, 0, "No init in time"), "init_timeout");
      case SILENT -> drop("silent");
      case TOKEN_EXPIRED ->
          closeWith(
              status(
                  TwilsockProtocol.TOKEN_EXPIRED,
                  TwilsockProtocol.TOKEN_EXPIRED_ERROR_CODE,
                  "Token expired"),
              "token_expired");
      case TOKEN_EXPIRING -> {
        warned = true;
        send(TwilsockFrames.tokenAboutToExpire(endpoint.nextNotificationId()));
        log.info(
            "event=twilsock_token_expiring session={} identity={} expires={}",
            id,
            identity(),
            grant.expiresAt());
      }
      case PING -> {
        lastPingNanos = nanos;
        socket.ping();
      }
      case NONE -> {}
    }
  }

  /**
   * Writes {@code frame} unless the connection is closed. A client that does not read (slow or
   * dead) fills the write queue; rather than buffer without bound, its connection is cut, after
   * which the SDK reconnects and Sync catches up from its last event ids.
   */
  private void send(byte[] frame) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (!socket.write(frame)) {
      log.warn("event=twilsock_slow_consumer session={} identity={}", id, identity());
      drop("slow_consumer");
    }
  }

  /** A frame the protocol does not allow: a 4xx close, as a client would send it, then closed. */
  private void refuse(ObjectNode status) {
    closeWith(status, "malformed_frame");
  }

  private void closeWith(ObjectNode status, String reason) {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    closeReason = reason;
    socket.closeAfter(TwilsockFrames.close(status));
  }

  /**
   * A peer that reads nothing would never answer a close handshake, nor read a 308: the connection
   * is cut at once. A live client that was merely slow reconnects as after any dropped socket.
   */
  private void drop(String reason) {
    phase = Phase.CLOSED;
    closeReason = reason;
    socket.cut();
  }

  private void closeSocket(String reason) {
    phase = Phase.CLOSED;
    closeReason = reason;
    socket.close();
  }

  /** Oversized or corrupt WebSocket frames, resets: the socket is closed, nothing else is hurt. */
  private void failed(Throwable failure) {
    if (failure instanceof HttpClosedException) {
      return; // the peer went away: closed() follows
    }
    log.info(
        "event=twilsock_socket_error session={} identity={} error={}",
        id,
        identity(),
        failure.getClass().getSimpleName());
    closeWith(status(TwilsockProtocol.BAD_REQUEST, 0, "WebSocket error"), "socket_error");
  }

  /** Runs once, whoever closed the socket; the upstream hears of it only if it heard of init. */
  private void closed() {
    phase = Phase.CLOSED;
    endpoint.forget(this);
    log.info("event=twilsock_closed session={} identity={} reason={}", id, identity(), closeReason);
    if (opened) {
      opened = false;
      try {
        endpoint.upstream.closed(this);
      } catch (RuntimeException e) {
        log.error("event=upstream_closed_failed session={} identity={}", id, identity(), e);
      }
    }
  }

  private String identity() {
    AccessGrant granted = grant;
    return granted == null ? "-" : granted.identity();
  }

  private static String token(TwilsockFrame frame) {
    JsonNode token = frame.header().get(TwilsockProtocol.TOKEN);
    return token == null ? null : token.textValue();
  }

  private static byte[] error(TwilsockFrame frame, int code, String description) {
    return TwilsockFrames.error(frame.id(), status(code, 0, description));
  }
}
