package dev.parley.realtime;

import java.util.List;
import java.util.function.Consumer;

/**
 * What answers a connection's tunnelled requests: the tunnel's route table (the Conversations
 * commands under {@code /Client/v2} and the Sync calls under {@code /v3}, {@code /v4}, declared in
 * {@code app/TunnelRoutes}), routed by path as the SDK addresses them (the {@code host} it names is
 * ignored), and what hears sessions open and close. It knows neither the commands nor Sync: the
 * composition root hands them in, so the arrows go from {@code realtime.client} and {@code
 * realtime.sync} to this package and never back.
 */
public final class RealtimeUpstream implements Upstream {
  private final TunnelRouter routes;
  private final Consumer<Session> opened;
  private final List<Consumer<Session>> closed;

  /** {@code closed} hear a session's end in this order. */
  public RealtimeUpstream(
      TunnelRouter routes, Consumer<Session> opened, List<Consumer<Session>> closed) {
    this.routes = routes;
    this.opened = opened;
    this.closed = List.copyOf(closed);
  }

  /** The tunnel's routes, with their access (RoutesTest lists them). */
  public TunnelRouter routes() {
    return routes;
  }

  @Override
  public UpstreamResponse handle(Session session, UpstreamRequest request) {
    return routes.route(session, request);
  }

  @Override
  public void opened(Session session) {
    opened.accept(session);
  }

  @Override
  public void closed(Session session) {
    for (Consumer<Session> listener : closed) {
      listener.accept(session);
    }
  }
}
