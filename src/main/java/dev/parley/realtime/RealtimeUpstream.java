package dev.parley.realtime;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.realtime.client.ClientApi;
import dev.parley.realtime.sync.Subscriptions;
import dev.parley.realtime.sync.SyncApi;

/**
 * What answers a connection's tunnelled requests: Sync reads and subscriptions ({@code /v3}, {@code
 * /v4}) and the Conversations commands ({@code /Client/v2}), routed by path as the SDK addresses
 * them (the {@code host} it names is ignored).
 */
public final class RealtimeUpstream implements Upstream {
  private final SyncApi sync;
  private final Subscriptions subscriptions;
  private final ClientApi client;
  private final Presence presence;

  public RealtimeUpstream(
      SyncApi sync, Subscriptions subscriptions, ClientApi client, Presence presence) {
    this.sync = sync;
    this.subscriptions = subscriptions;
    this.client = client;
    this.presence = presence;
  }

  @Override
  public UpstreamResponse handle(Session session, UpstreamRequest request) {
    if (SyncApi.serves(request.path())) {
      return sync.handle(session, request);
    }
    if (ClientApi.serves(request.path())) {
      return client.handle(session, request);
    }
    throw new ApiException(TwilioError.NOT_FOUND, request.path());
  }

  @Override
  public void opened(Session session) {
    presence.opened(session);
  }

  @Override
  public void closed(Session session) {
    presence.closed(session);
    subscriptions.closed(session);
    client.closed(session);
  }
}
