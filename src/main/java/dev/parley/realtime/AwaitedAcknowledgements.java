package dev.parley.realtime;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The notifications of one connection sent since something began to wait for an acknowledgement, in
 * the order they went out, with what waits for each (or nothing). Used on the connection's event
 * loop only.
 *
 * <p>Acknowledgements are cumulative: the client parses frames in the order they come, so one for a
 * frame says every earlier one reached it too, or never will (a proxy that drops a frame): what
 * waited for those runs as well. Bounded: past {@link #MAX} frames the oldest is forgotten, for a
 * client that acknowledges nothing; a waiter has a fallback of its own.
 */
final class AwaitedAcknowledgements {
  private static final int MAX = 1024;

  private record Sent(String frameId, Runnable whenAcknowledged) {}

  private final ArrayDeque<Sent> sent = new ArrayDeque<>();

  /** Notes a notification as it goes out; {@code whenAcknowledged} may be null. */
  void sent(String frameId, Runnable whenAcknowledged) {
    if (sent.size() == MAX) {
      sent.pollFirst();
    }
    sent.addLast(new Sent(frameId, whenAcknowledged));
  }

  /**
   * The client acknowledged {@code frameId}: runs what waited for it and for every frame sent
   * before it. An unknown id (a frame that went out while nothing waited) changes nothing.
   */
  void acknowledged(String frameId) {
    int position = positionOf(frameId);
    for (int i = 0; i <= position; i++) {
      Runnable waiting = sent.pollFirst().whenAcknowledged();
      if (waiting != null) {
        waiting.run();
      }
    }
  }

  private int positionOf(String frameId) {
    int position = 0;
    for (Iterator<Sent> it = sent.iterator(); it.hasNext(); position++) {
      if (it.next().frameId().equals(frameId)) {
        return position;
      }
    }
    return -1;
  }

  boolean isEmpty() {
    return sent.isEmpty();
  }
}
