package dev.parley.webhooks;

import dev.parley.store.DeliveryRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The delivery engine's bounded window on pending work, touched only by its dispatcher thread. Rows
 * come in from a forward read of the store ({@link #scanned}) and, for a lane with more pending
 * rows than it may hold, from rereading that lane ({@link #refilled}). At most {@link #PER_LANE}
 * rows per lane and {@code maxLoaded} in all are held, so a stuck lane or a long backlog costs
 * bounded memory; a lane waiting to retry keeps only its head.
 *
 * <p>Every lane held here is leased to this node in the store. A lane that runs out of work stays
 * held until {@link #takeIdle} hands it back for release, so a busy conversation is not claimed
 * anew for each event; a lane another node took over is {@link #forget forgotten}.
 */
final class Lanes {
  static final int PER_LANE = 32;
  private final int maxLoaded;
  private final Map<String, Lane> byKey = new HashMap<>();
  private final ArrayDeque<Lane> ready = new ArrayDeque<>();
  private final PriorityQueue<Lane> waiting =
      new PriorityQueue<>(Comparator.comparingLong(lane -> lane.dueMillis));
  private final ArrayDeque<Lane> toReread = new ArrayDeque<>();
  private final ArrayDeque<Lane> idle = new ArrayDeque<>();
  private int loaded;
  private long position;

  Lanes(int maxLoaded, long position) {
    this.maxLoaded = maxLoaded;
    this.position = position;
  }

  /** The highest delivery seq read forward so far: the next read starts after it. */
  long position() {
    return position;
  }

  boolean roomToLoad() {
    return loaded < maxLoaded;
  }

  int loaded() {
    return loaded;
  }

  /** Whether this node holds {@code key}'s lease (it may send the lane's deliveries). */
  boolean holds(String key) {
    return byKey.containsKey(key);
  }

  int heldCount() {
    return byKey.size();
  }

  /** The keys of every lane held, busy or idle. */
  Set<String> held() {
    return Set.copyOf(byKey.keySet());
  }

  /** Moves the read position to {@code seq}: the rows up to it were read (some for other nodes). */
  void advanceTo(long seq) {
    position = Math.max(position, seq);
  }

  /** Lanes with nothing pending and nothing in flight, no longer held here: release them. */
  List<String> takeIdle() {
    List<String> keys = new ArrayList<>(idle.size());
    Lane lane;
    while ((lane = idle.pollFirst()) != null) {
      if (byKey.get(lane.key) == lane && idle(lane)) {
        byKey.remove(lane.key);
        keys.add(lane.key);
      }
    }
    return keys;
  }

  /**
   * Another node holds {@code key} now (this one's lease ran out): drop the lane and ignore what
   * comes back for it. Its call in flight, if any, is answered into the void.
   */
  void forget(String key) {
    Lane lane = byKey.remove(key);
    if (lane == null) {
      return;
    }
    lane.lost = true;
    loaded -= lane.queue.size();
    lane.queue.clear();
    ready.remove(lane);
    waiting.remove(lane);
    toReread.remove(lane);
  }

  /** Takes pending rows read forward from the store, in seq order. */
  void scanned(List<DeliveryRecord> rows, long nowMillis) {
    for (DeliveryRecord row : rows) {
      position = row.seq();
      Lane lane = byKey.get(row.lane());
      if (lane == null) {
        lane = new Lane(row.lane());
        byKey.put(lane.key, lane);
      } else if (!lane.complete) {
        continue; // rereading the lane will find it
      } else if (lane.queue.size() >= PER_LANE) {
        lane.complete = false;
        continue;
      }
      boolean idle = lane.queue.isEmpty() && !lane.busy;
      lane.queue.addLast(row);
      loaded++;
      if (idle) {
        schedule(lane, nowMillis);
      }
    }
  }

  /**
   * Lanes whose pending rows must be reread from the store (up to {@link #position()}); a lane with
   * delivered heads still being saved waits for them (the store has them pending until then).
   */
  List<Lane> takeRereads() {
    List<Lane> lanes = new ArrayList<>(toReread.size());
    toReread.removeIf(lane -> lane.saving == 0 && lanes.add(lane));
    return lanes;
  }

  /** A lane's pending rows as the store has them now, oldest first, at most {@link #PER_LANE}. */
  void refilled(Lane lane, List<DeliveryRecord> rows, long nowMillis) {
    if (lane.lost) {
      return;
    }
    loaded -= lane.queue.size();
    lane.queue.clear();
    lane.queue.addAll(rows);
    loaded += rows.size();
    lane.complete = rows.size() < PER_LANE;
    lane.reread = false;
    if (rows.isEmpty()) {
      idle.add(lane);
    } else {
      schedule(lane, nowMillis);
    }
  }

  /** Moves lanes whose retry time has come to the ready queue. */
  void promoteDue(long nowMillis) {
    while (!waiting.isEmpty() && waiting.peek().dueMillis <= nowMillis) {
      ready.addLast(waiting.poll());
    }
  }

  /** When the next waiting lane is due, or {@link Long#MAX_VALUE}. */
  long nextDueMillis() {
    return waiting.isEmpty() ? Long.MAX_VALUE : waiting.peek().dueMillis;
  }

  /** Up to {@code max} lanes whose heads may be attempted now, marked busy. */
  List<Lane> takeReady(int max) {
    List<Lane> taken = new ArrayList<>(Math.min(max, ready.size()));
    while (taken.size() < max && !ready.isEmpty()) {
      Lane lane = ready.pollFirst();
      lane.busy = true;
      taken.add(lane);
    }
    return taken;
  }

  /** The head was delivered or is dead: the next one of the lane may go. */
  void headDone(Lane lane, long nowMillis) {
    if (lane.lost) {
      return;
    }
    lane.busy = false;
    lane.queue.pollFirst();
    loaded--;
    afterHead(lane, nowMillis);
  }

  /**
   * The head was delivered and its outcome is being saved: the next one of the lane may go now.
   * {@link #saved} or {@link #notSaved} follows.
   */
  void headDelivered(Lane lane, long nowMillis) {
    if (lane.lost) {
      return;
    }
    lane.saving++;
    headDone(lane, nowMillis);
  }

  /** A delivered head's outcome was saved. */
  void saved(Lane lane) {
    lane.saving--;
    if (idle(lane)) {
      // takeIdle skipped it while the save was under way.
      idle.add(lane);
    }
  }

  /** Whether {@code lane} has nothing pending, in flight or being saved: it may be handed back. */
  private static boolean idle(Lane lane) {
    return !lane.lost
        && lane.queue.isEmpty()
        && lane.complete
        && !lane.busy
        && !lane.reread
        && lane.saving == 0;
  }

  /**
   * A delivered head's outcome could not be saved: the store still has it pending, so the lane is
   * reread from the store once its saves are through (the receiver gets it again, same token).
   */
  void notSaved(Lane lane) {
    lane.saving--;
    if (!lane.lost) {
      replayed(lane.key);
    }
  }

  /**
   * The head failed and will be retried at {@code retryAtMillis} ({@code updated} is its new
   * state). Only the head is kept meanwhile: the rest is reread when it is through.
   */
  void headRetries(Lane lane, DeliveryRecord updated, long retryAtMillis) {
    if (lane.lost) {
      return;
    }
    lane.busy = false;
    lane.queue.pollFirst();
    while (!lane.queue.isEmpty()) {
      lane.queue.pollLast();
      loaded--;
      lane.complete = false;
    }
    lane.queue.addFirst(updated);
    if (lane.reread) {
      // A replayed, older delivery goes first: rereading puts it at the head.
      toReread.add(lane);
      return;
    }
    lane.dueMillis = retryAtMillis;
    waiting.add(lane);
  }

  /** A lane parked while its receiver's origin had no call to spare may be attempted again. */
  void unpark(Lane lane) {
    if (lane.lost) {
      return;
    }
    lane.busy = false;
    if (lane.reread) {
      toReread.add(lane);
    } else {
      ready.addLast(lane);
    }
  }

  /** The head's outcome could not be saved: forget the lane and reread it from the store. */
  void headUnknown(Lane lane) {
    if (lane.lost) {
      return;
    }
    lane.busy = false;
    lane.reread = true;
    afterHead(lane, 0);
  }

  /**
   * A dead delivery of {@code key} is pending again, or the lane was just claimed with rows this
   * node may not have read (another node held it): reread the lane as soon as it is idle.
   */
  void replayed(String key) {
    Lane lane = byKey.get(key);
    if (lane == null) {
      lane = new Lane(key);
      byKey.put(key, lane);
      lane.complete = false;
      toReread.add(lane);
      return;
    }
    lane.complete = false;
    lane.reread = true;
    if (!lane.busy && (ready.remove(lane) | waiting.remove(lane) || lane.queue.isEmpty())) {
      rereadSoon(lane);
    }
  }

  private void afterHead(Lane lane, long nowMillis) {
    if (lane.reread) {
      toReread.add(lane);
    } else if (!lane.queue.isEmpty()) {
      schedule(lane, nowMillis);
    } else if (lane.complete) {
      idle.add(lane);
    } else {
      toReread.add(lane);
    }
  }

  private void rereadSoon(Lane lane) {
    if (!toReread.contains(lane)) {
      toReread.add(lane);
    }
  }

  private void schedule(Lane lane, long nowMillis) {
    DeliveryRecord head = lane.head();
    long due = head.nextAttemptAt() == null ? 0 : head.nextAttemptAt().toEpochMilli();
    if (due <= nowMillis) {
      ready.addLast(lane);
    } else {
      lane.dueMillis = due;
      waiting.add(lane);
    }
  }
}
