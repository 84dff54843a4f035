package dev.parley.realtime.sync;

import dev.parley.events.EventLog;
import dev.parley.ids.SidGenerator;
import dev.parley.store.Broadcasts;
import dev.parley.store.Store;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The Sync side of the realtime endpoint, wired once: the projection that listens to the outbox,
 * the subscriptions that fan its changes out, and the API the SDK reads them through.
 */
public final class Sync {
  /**
   * The broadcast channel of committed Sync changes, from every node to every node; within the
   * embedded store's one process the events go as they are, not as text to be parsed again.
   */
  static final Broadcasts.Channel<SyncEvent> CHANNEL =
      new Broadcasts.Channel<>("parley_sync", SyncEvent::encode, SyncEvent::decode);

  /** The broadcast channel of ended memberships, whose subscriptions every node drops. */
  static final String ACCESS_CHANNEL = "parley_sync_access";

  private final Subscriptions subscriptions = new Subscriptions();
  private final SyncApi api;
  private final SyncDirectory directory;

  /** Listens to {@code events} from now on; {@code absolute} makes URLs on the public base. */
  public Sync(
      Store store,
      Clock clock,
      SidGenerator sids,
      EventLog events,
      UnaryOperator<String> absolute) {
    SyncJson json = new SyncJson(absolute);
    SyncObjects objects = new SyncObjects(store, clock, sids, json);
    store.broadcasts().listen(CHANNEL, subscriptions::deliver);
    store
        .broadcasts()
        .listen(
            ACCESS_CHANNEL,
            message -> subscriptions.membershipEnded(MembershipEnded.decode(message)));
    // Changes sent while this node was not listening reach its clients when they replay.
    store.broadcasts().whenMissed(subscriptions::reconnectAll);
    FirstUse firstUse = new FirstUse(store, objects);
    SyncProjection projection = new SyncProjection(store, objects, firstUse);
    events.listen(projection);
    this.directory = new SyncDirectory(store, firstUse);
    SyncAccess access = new SyncAccess(store, firstUse);
    this.api =
        new SyncApi(
            store, json, access, new SyncReplay(store, json, access, subscriptions), subscriptions);
  }

  public SyncApi api() {
    return api;
  }

  public SyncDirectory directory() {
    return directory;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }
}
