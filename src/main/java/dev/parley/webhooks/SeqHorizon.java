package dev.parley.webhooks;

import dev.parley.store.DeliveryStore;
import dev.parley.store.Tx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the engine's forward read may go: the newest delivery seq with no hole before it. On
 * PostgreSQL a transaction takes its seq at insert and may commit after one that took a later seq;
 * reading past the hole would miss its delivery for good, or let a later one of its lane go first.
 * A hole is waited for up to {@link #HOLE_WAIT_MILLIS}, after which it is taken for a rolled-back
 * transaction and passed. The embedded store's single writer commits seqs in order: no holes.
 */
final class SeqHorizon {
  private static final Logger log = LoggerFactory.getLogger(SeqHorizon.class);
  static final long HOLE_WAIT_MILLIS = 2_000;

  private final int batch;
  private long horizon;
  private long holeSinceMillis = -1;

  /** Starts at {@code lastSeq}, the newest seq when the engine starts: all of it committed then. */
  SeqHorizon(long lastSeq, int batch) {
    this.horizon = lastSeq;
    this.batch = batch;
  }

  long value() {
    return horizon;
  }

  /** Whether the read is waiting at a hole (so it looks again soon). */
  boolean waiting() {
    return holeSinceMillis >= 0;
  }

  /**
   * Moves over the seqs after the horizon up to the first hole, or past a hole that has lasted
   * {@link #HOLE_WAIT_MILLIS}; true when there may be more to move over.
   */
  boolean extend(Tx tx, DeliveryStore deliveries, long now) {
    List<Long> seqs = deliveries.seqsAfter(tx, horizon, batch);
    for (long seq : seqs) {
      if (seq != horizon + 1) {
        if (holeSinceMillis < 0) {
          holeSinceMillis = now;
        }
        if (now - holeSinceMillis < HOLE_WAIT_MILLIS) {
          return false;
        }
        log.warn("event=webhook_seq_hole_skipped from={} to={}", horizon + 1, seq - 1);
      }
      holeSinceMillis = -1;
      horizon = seq;
    }
    return seqs.size() == batch;
  }
}
