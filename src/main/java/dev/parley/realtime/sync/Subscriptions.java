package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Which sessions are subscribed to which Sync objects, and the fan-out of committed changes to
 * them. Changes are handed over by the committing thread and pushed from one thread of their own,
 * in commit order, so the store's writer never waits for a socket.
 */
public final class Subscriptions {
  /**
   * How long an object a session opened keeps its horizon at the opening's event id while no
   * subscription comes: the SDK subscribes within a fraction of a second.
   */
  private static final long OPENED_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Map<String, Set<Subscriber>> byObject = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Subscriber>> bySession = new ConcurrentHashMap<>();

  /** Objects each session opened (read their descriptor) and has not subscribed to yet. */
  private final Map<String, Map<String, Opened>> openedBySession = new ConcurrentHashMap<>();

  private record Opened(long lastEventId, long atNanos) {
    boolean fresh(long now) {
      return now - atNanos < OPENED_NANOS;
    }
  }

  /**
   * Pushes a committed change to the sessions subscribed to its object, its notification written
   * once for all of them. Quick: no I/O waits.
   */
  void deliver(SyncEvent event) {
    Set<Subscriber> subscribers = byObject.get(event.objectSid());
    if (subscribers != null) {
      LiveEvent live = new LiveEvent(event);
      subscribers.forEach(s -> s.live(live));
    }
  }

  /**
   * Registers {@code session}'s subscription to the object from event id {@code from}, replacing an
   * earlier one. From now on its live events are held until {@link Subscriber#establish} sends the
   * replay.
   */
  Subscriber subscribe(Session session, String objectSid, Long from) {
    Subscriber subscriber = new Subscriber(session, objectSid, from);
    Subscriber previous =
        bySession
            .computeIfAbsent(session.id(), id -> new ConcurrentHashMap<>())
            .put(objectSid, subscriber);
    byObject.compute(
        objectSid,
        (sid, subscribers) -> {
          Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
          set.add(subscriber);
          if (previous != null) {
            set.remove(previous);
          }
          return set;
        });
    // Only now: in between, a page would find neither and show everything.
    Map<String, Opened> opened = openedBySession.get(session.id());
    if (opened != null) {
      opened.remove(objectSid);
    }
    return subscriber;
  }

  /** Tells {@code session} its subscription to the object is canceled ({@link #drop} it first). */
  void canceled(Session session, String objectSid, long correlationId) {
    ObjectNode canceled = Subscriber.control("subscription_canceled", correlationId);
    canceled.putObject("event").put("object_sid", objectSid);
    session.notify(Subscriber.SYNC_EVENT, canceled);
  }

  /** Forgets {@code subscriber} unless a newer subscription of its session replaced it. */
  void drop(Subscriber subscriber) {
    Map<String, Subscriber> mine = bySession.get(subscriber.session.id());
    if (mine != null && mine.remove(subscriber.objectSid, subscriber)) {
      unregister(subscriber);
    }
  }

  /** Forgets {@code session}'s subscription to the object, if any. */
  void drop(Session session, String objectSid) {
    Map<String, Subscriber> mine = bySession.get(session.id());
    Subscriber subscriber = mine == null ? null : mine.remove(objectSid);
    if (subscriber != null) {
      unregister(subscriber);
    }
  }

  /**
   * Drops the subscriptions of the user's sessions to the objects of a conversation it left. Looks
   * only at the objects' own subscribers: no scan of all sessions.
   */
  void membershipEnded(MembershipEnded ended) {
    for (String objectSid : ended.objectSids()) {
      Set<Subscriber> subscribers = byObject.get(objectSid);
      if (subscribers == null) {
        continue;
      }
      List.copyOf(subscribers).stream()
          .map(subscriber -> subscriber.session)
          .filter(
              session ->
                  session.grant().serviceSid().equals(ended.serviceSid())
                      && session.grant().identity().equals(ended.identity()))
          .forEach(session -> drop(session, objectSid));
    }
  }

  /** Asks every subscribed session to reconnect: it then replays what it missed. */
  void reconnectAll() {
    bySession.values().stream()
        .flatMap(mine -> mine.values().stream().limit(1))
        .forEach(subscriber -> subscriber.session.reconnect("Missed changes; catching up"));
  }

  /**
   * Notes that {@code session} opened the object at {@code lastEventId}: the SDK subscribes from
   * there, a moment later, and hears of later changes through the replay.
   */
  void opened(Session session, String objectSid, long lastEventId) {
    Map<String, Subscriber> mine = bySession.get(session.id());
    if (mine != null && mine.containsKey(objectSid)) {
      return; // its subscription tells
    }
    long now = System.nanoTime();
    Map<String, Opened> opened =
        openedBySession.computeIfAbsent(session.id(), id -> new ConcurrentHashMap<>());
    opened.values().removeIf(o -> !o.fresh(now));
    opened.put(objectSid, new Opened(lastEventId, now));
    if (!session.isOpen()) {
      openedBySession.remove(session.id()); // closed meanwhile: closed() may have run already
    }
  }

  /**
   * What an item page may show {@code session} of the object: the items created up to the newest
   * event it has heard of (acknowledged; or the id it opened or subscribed from, whose later events
   * the replay brings), in a reply that reaches it once it has handled that event; everything when
   * it is told nothing. The SDK takes an item a page showed as known and drops its later {@code
   * *_item_added}, so a page that reached it before that event was handled (a change committed
   * while the subscription is being made, one whose event is still on its way from the store, or
   * one whose event is on the wire just ahead of the page) would cost {@code messageAdded}; left
   * out, the item arrives as the event.
   */
  PageHorizon horizon(Session session, String objectSid) {
    Map<String, Subscriber> mine = bySession.get(session.id());
    Subscriber subscriber = mine == null ? null : mine.get(objectSid);
    if (subscriber != null) {
      return subscriber.horizon();
    }
    Map<String, Opened> opened = openedBySession.get(session.id());
    Opened open = opened == null ? null : opened.get(objectSid);
    return open != null && open.fresh(System.nanoTime())
        ? PageHorizon.at(open.lastEventId())
        : PageHorizon.EVERYTHING;
  }

  /** Forgets every subscription of a closed session. */
  public void closed(Session session) {
    openedBySession.remove(session.id());
    Map<String, Subscriber> mine = bySession.remove(session.id());
    if (mine != null) {
      mine.values().forEach(this::unregister);
    }
  }

  private void unregister(Subscriber subscriber) {
    byObject.computeIfPresent(
        subscriber.objectSid,
        (sid, subscribers) -> {
          subscribers.remove(subscriber);
          return subscribers.isEmpty() ? null : subscribers;
        });
  }

  /** How many objects have at least one subscriber (for tests and metrics). */
  public int objectCount() {
    return byObject.size();
  }
}
