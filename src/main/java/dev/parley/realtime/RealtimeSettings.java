package dev.parley.realtime;

import java.time.Duration;

/**
 * Timing and limits of the Twilsock endpoint. One periodic sweep (every {@code sweepInterval}) does
 * all timed work, so an idle connection costs no timer: it closes sockets without an {@code init}
 * after {@code initTimeout}, sends a WebSocket ping after {@code pingInterval} of silence and
 * closes a socket silent for {@code silenceLimit}, warns {@code tokenWarning} before a token
 * expires. {@code maxInFlight} bounds one connection's unanswered requests (tunnelled and {@code
 * update}); {@code maxQueuedBytes} its unsent output before it counts as too slow and is closed
 * with 308; {@code workerThreads} the threads answering tunnelled requests for all connections;
 * {@code recheckInterval} how often every open connection's token is checked again against the live
 * API key, account and service (the backstop of the revocations broadcast as they happen).
 */
public record RealtimeSettings(
    Duration sweepInterval,
    Duration initTimeout,
    Duration pingInterval,
    Duration silenceLimit,
    Duration tokenWarning,
    int maxInFlight,
    int maxQueuedBytes,
    int workerThreads,
    Duration recheckInterval) {

  /**
   * Twilio warns "about 3 minutes" before expiry. Browsers and proxies commonly drop WebSockets
   * idle for 60 s or more, so a ping after 25 s of silence keeps them; a peer silent for 75 s
   * (three unanswered pings) is gone. Two full frames may be queued before a client counts as slow.
   */
  public static final RealtimeSettings DEFAULT =
      new RealtimeSettings(
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(25),
          Duration.ofSeconds(75),
          Duration.ofMinutes(3),
          32,
          2 * TwilsockProtocol.MAX_FRAME_BYTES,
          16,
          Duration.ofSeconds(30));

  /** Settings with the default {@code recheckInterval}. */
  public RealtimeSettings(
      Duration sweepInterval,
      Duration initTimeout,
      Duration pingInterval,
      Duration silenceLimit,
      Duration tokenWarning,
      int maxInFlight,
      int maxQueuedBytes,
      int workerThreads) {
    this(
        sweepInterval,
        initTimeout,
        pingInterval,
        silenceLimit,
        tokenWarning,
        maxInFlight,
        maxQueuedBytes,
        workerThreads,
        Duration.ofSeconds(30));
  }

  public RealtimeSettings {
    if (sweepInterval.toMillis() < 1
        || recheckInterval.toMillis() < 1
        || maxInFlight < 1
        || workerThreads < 1) {
      throw new IllegalArgumentException("realtime sweep, in-flight limit and workers must be > 0");
    }
    if (maxQueuedBytes < TwilsockProtocol.MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("the write queue must hold at least one whole frame");
    }
  }
}
