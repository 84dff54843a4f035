package dev.parley.realtime;

import dev.parley.auth.AccessGrant;
import java.time.Instant;

/**
 * The timed work one connection has due, decided from its timestamps alone so that the sweep can
 * ask from any thread and the connection's event loop acts on the same answer. Liveness runs on the
 * monotonic {@code nanos}; token lifetime on the clock, as tokens are stamped with it.
 */
enum Deadline {
  NONE,
  /** No {@code init} in time: close with 408. */
  INIT_TIMEOUT,
  /** No frame or pong for the silence limit: the peer is gone, drop the TCP connection. */
  SILENT,
  /** The token has expired: close with 410, {@code errorCode} 20104. */
  TOKEN_EXPIRED,
  /** The token expires soon and the client was not warned yet: {@code token_about_to_expire}. */
  TOKEN_EXPIRING,
  /** Silent for a ping interval and not pinged for one: a WebSocket ping. */
  PING;

  /** {@code grant} is null until {@code init} succeeded. */
  static Deadline of(
      RealtimeSettings settings,
      AccessGrant grant,
      boolean warned,
      long connectedNanos,
      long lastHeardNanos,
      long lastPingNanos,
      Instant now,
      long nanos) {
    if (grant == null && nanos - connectedNanos >= settings.initTimeout().toNanos()) {
      return INIT_TIMEOUT;
    }
    long silent = nanos - lastHeardNanos;
    if (silent >= settings.silenceLimit().toNanos()) {
      return SILENT;
    }
    if (grant != null && !now.isBefore(grant.expiresAt())) {
      return TOKEN_EXPIRED;
    }
    if (grant != null
        && !warned
        && !now.isBefore(grant.expiresAt().minus(settings.tokenWarning()))) {
      return TOKEN_EXPIRING;
    }
    long ping = settings.pingInterval().toNanos();
    if (silent >= ping && nanos - lastPingNanos >= ping) {
      return PING;
    }
    return NONE;
  }
}
