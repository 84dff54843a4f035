package dev.parley.realtime;

/**
 * Answers the HTTP requests a client tunnels through its Twilsock connection: the Conversations
 * commands ({@code /Client/v2/...}) and the Sync calls ({@code /v3/...}, {@code /v4/...}).
 */
public interface Upstream {
  /**
   * Answers {@code request} of {@code session}. Runs on a worker thread and may block. A {@link
   * dev.parley.error.ApiException} becomes its Twilio error body with its HTTP status; any other
   * exception is a bug, answered 500.
   */
  UpstreamResponse handle(Session session, UpstreamRequest request);

  /** Hears that {@code session} completed {@code init}. Must not block. */
  default void opened(Session session) {}

  /** Hears that {@code session}'s connection closed, for whatever reason. Must not block. */
  default void closed(Session session) {}
}
