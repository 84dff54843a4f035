package dev.parley.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What waits for the client's acknowledgement of one of its connection's notifications, by frame
 * id. Used on the connection's event loop only. Bounded: past {@link #MAX} waiting, the oldest is
 * forgotten, for a client that acknowledges nothing; a waiter has a fallback of its own.
 */
final class AwaitedAcknowledgements {
  private static final int MAX = 1024;

  private final Map<String, Runnable> byFrameId =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Runnable> eldest) {
          return size() > MAX;
        }
      };

  void await(String frameId, Runnable whenAcknowledged) {
    byFrameId.put(frameId, whenAcknowledged);
  }

  /** The client acknowledged {@code frameId}: runs what waited for it, if anything. */
  void acknowledged(String frameId) {
    Runnable waiting = byFrameId.remove(frameId);
    if (waiting != null) {
      waiting.run();
    }
  }

  boolean isEmpty() {
    return byFrameId.isEmpty();
  }
}
