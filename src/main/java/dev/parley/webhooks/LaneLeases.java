package dev.parley.webhooks;

import dev.parley.store.DeliveryRecord;
import dev.parley.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the lane leases, through which nodes sharing a store send each lane from one
 * node at a time. The lanes in {@link Lanes} are the ones this node holds: a lane is claimed before
 * its first row is loaded ({@link #claimed}, one transaction per read batch), and once a tick
 * ({@link #tick}: a third of the lease, at most a second) one transaction hands back idle lanes,
 * renews the rest, and takes over lanes whose lease ran out. Used by the dispatcher thread only.
 */
final class LaneLeases {
  private static final Logger log = LoggerFactory.getLogger(LaneLeases.class);
  private static final int TAKEOVER_BATCH = 1_000;

  private final Store store;
  private final String node =
      ProcessHandle.current().pid()
          + "-"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
  private final long leaseMillis;
  private final long tickMillis;
  private long nextTickMillis;
  private long heldUntilMillis;

  /** Replayed lanes another node held: claimed on the next tick, once it lets them go. */
  private final Set<String> replaysToClaim = new LinkedHashSet<>();

  /**
   * Set once a read found a lane another node held, so its rows were skipped: from then on a lane
   * claimed here is read back from the store, in case the other node gave it up with rows this node
   * had read past. A lone node never sets it and reads nothing twice.
   */
  private boolean skippedOthers;

  /**
   * Lanes another node held when this one last tried, until when it will not try again (a tick):
   * every node reads every delivery, so without this each read would claim in vain, in a write, the
   * lanes the other nodes are busy with. The holder sends what is skipped here.
   */
  private final Map<String, Long> refusedUntil = new HashMap<>();

  private record Tick(Set<String> held, List<String> expired, Set<String> replays) {}

  LaneLeases(Store store, long leaseMillis) {
    this.store = store;
    this.leaseMillis = leaseMillis;
    this.tickMillis = Math.min(leaseMillis / 3, 1_000);
  }

  /** This node's name in the leases: {@code <pid>-<random>}. */
  String node() {
    return node;
  }

  long leaseMillis() {
    return leaseMillis;
  }

  /** Milliseconds until the next tick is due. */
  long untilTick(long now) {
    return nextTickMillis - now;
  }

  /**
   * Whether calls may start: the last renewal leaves at least a tick of the lease, so no other node
   * can have taken a lane of this one's before an answer is saved.
   */
  boolean current(long now) {
    return now < heldUntilMillis - tickMillis;
  }

  /**
   * The rows of {@code rows} this node may send: those of lanes it holds, after claiming in one
   * transaction the lanes it does not hold yet. Rows of lanes another node holds are skipped; that
   * node sends them. A lane claimed after this node skipped rows for others is read back instead.
   */
  List<DeliveryRecord> claimed(Lanes lanes, List<DeliveryRecord> rows, long now) {
    Set<String> wanted = new LinkedHashSet<>();
    for (DeliveryRecord row : rows) {
      if (!lanes.holds(row.lane()) && refusedUntil.getOrDefault(row.lane(), 0L) <= now) {
        wanted.add(row.lane());
      }
    }
    if (wanted.isEmpty()) {
      return notRefused(lanes, rows);
    }
    Set<String> won =
        store.write(
            tx ->
                store
                    .deliveries()
                    .claimLanes(
                        tx,
                        node,
                        wanted,
                        Instant.ofEpochMilli(now),
                        Instant.ofEpochMilli(now + leaseMillis)));
    boolean readBack = skippedOthers;
    List<DeliveryRecord> mine = new ArrayList<>(rows.size());
    for (DeliveryRecord row : rows) {
      if (lanes.holds(row.lane()) || (won.contains(row.lane()) && !readBack)) {
        mine.add(row);
      } else if (!won.contains(row.lane())) {
        skippedOthers = true;
        if (wanted.contains(row.lane())) {
          refusedUntil.put(row.lane(), now + tickMillis);
        }
      }
    }
    if (readBack) {
      won.forEach(lanes::replayed);
    }
    return mine;
  }

  private List<DeliveryRecord> notRefused(Lanes lanes, List<DeliveryRecord> rows) {
    List<DeliveryRecord> mine = new ArrayList<>(rows.size());
    for (DeliveryRecord row : rows) {
      if (lanes.holds(row.lane())) {
        mine.add(row);
      } else {
        skippedOthers = true;
      }
    }
    return mine;
  }

  /** A dead delivery of {@code lane} is pending again: reread it here, once the lane is ours. */
  void replayed(Lanes lanes, String lane, long now) {
    if (lanes.holds(lane)) {
      lanes.replayed(lane);
    } else {
      replaysToClaim.add(lane);
      nextTickMillis = now;
    }
  }

  /** The outcome of {@code lane}'s head was not saved: another node holds the lane now. */
  void lost(Lanes lanes, Lane lane) {
    if (!lane.lost) {
      log.warn("event=webhook_lane_taken_over node={} lane=\"{}\"", node, lane.key);
      lanes.forget(lane.key);
    }
  }

  /**
   * When a tick is due: hands back idle lanes, renews this node's leases (forgetting any lane
   * another node took meanwhile), takes over lanes whose lease ran out and replayed lanes now free,
   * all in one transaction.
   */
  void tick(Lanes lanes, long now, DeliveryMeter meter) {
    if (now < nextTickMillis) {
      return;
    }
    nextTickMillis = now + tickMillis;
    refusedUntil.values().removeIf(until -> until <= now);
    Instant at = Instant.ofEpochMilli(now);
    Instant until = Instant.ofEpochMilli(now + leaseMillis);
    List<String> idle = lanes.takeIdle();
    List<String> replayed = List.copyOf(replaysToClaim);
    Tick tick =
        store.write(
            tx -> {
              store.deliveries().releaseLanes(tx, node, idle);
              Set<String> held = store.deliveries().renewLeases(tx, node, until);
              List<String> expired =
                  store.deliveries().claimExpiredLanes(tx, node, at, until, TAKEOVER_BATCH);
              Set<String> replays = store.deliveries().claimLanes(tx, node, replayed, at, until);
              return new Tick(held, expired, replays);
            });
    heldUntilMillis = now + leaseMillis;
    int lost = 0;
    for (String key : lanes.held()) {
      if (!tick.held().contains(key)) {
        log.warn("event=webhook_lane_taken_over node={} lane=\"{}\"", node, key);
        lanes.forget(key);
        lost++;
      }
    }
    for (String key : tick.expired()) {
      log.info("event=webhook_lane_taken_over_here node={} lane=\"{}\"", node, key);
      lanes.replayed(key);
    }
    for (String key : tick.replays()) {
      replaysToClaim.remove(key);
      lanes.replayed(key);
    }
    meter.takenOver(tick.expired().size(), lost);
    meter.lanesHeld(lanes.heldCount());
  }

  /** On stop: every lease of this node ends now, so the other nodes take its lanes at once. */
  void expireAll(Instant now) {
    try {
      store.write(
          tx -> {
            store.deliveries().expireLeases(tx, node, now);
            return null;
          });
    } catch (RuntimeException e) {
      log.warn("event=webhook_leases_not_ended node={} (they run out)", node, e);
    }
  }
}
