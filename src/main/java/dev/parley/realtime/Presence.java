package dev.parley.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open sessions of each identity, for pushes addressed to people (typing) not to objects. */
public final class Presence {
  private final Map<String, Set<Session>> byIdentity = new ConcurrentHashMap<>();

  public void opened(Session session) {
    byIdentity.compute(
        key(session),
        (k, sessions) -> {
          Set<Session> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
          set.add(session);
          return set;
        });
  }

  public void closed(Session session) {
    byIdentity.computeIfPresent(
        key(session),
        (k, sessions) -> {
          sessions.remove(session);
          return sessions.isEmpty() ? null : sessions;
        });
  }

  /** The open sessions of {@code identity} in the service. */
  public Set<Session> of(String serviceSid, String identity) {
    return byIdentity.getOrDefault(serviceSid + "/" + identity, Set.of());
  }

  private static String key(Session session) {
    return session.grant().serviceSid() + "/" + session.grant().identity();
  }
}
