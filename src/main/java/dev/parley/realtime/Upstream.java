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

  /**
   * Hears that {@code session} completed {@code init}. Must not block (it runs on the socket's
   * event loop, before any tunnelled request of the session).
   */
  default void opened(Session session) {}

  /**
   * Hears that {@code session}'s connection closed, for whatever reason: exactly once for each
   * {@link #opened} session (a socket whose {@code init} never succeeded was no session). Must not
   * block. Requests of the session still running may complete after it; their replies are dropped.
   */
  default void closed(Session session) {}
}
