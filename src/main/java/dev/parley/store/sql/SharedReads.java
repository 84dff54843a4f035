package dev.parley.store.sql;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ReadOnce} read, kept past its transaction for the next ones, on a store only this
 * process writes (SQLite): configuration rows (accounts' configurations, services, address
 * configurations) that every web chat reads and almost nothing changes. Correct by being cautious:
 * while any transaction that wrote one of them is open, nothing is served or kept, and when it ends
 * (committed or not) everything kept is dropped; a read that began before a write keeps nothing, as
 * the generation it saw has moved on.
 */
final class SharedReads {
  private final Map<Object, Map<String, Optional<?>>> kept = new HashMap<>();
  private long generation;
  private int writing;

  /** The value kept under {@code key} by {@code reads}, or null. */
  synchronized Optional<?> get(Object reads, String key) {
    if (writing > 0) {
      return null;
    }
    Map<String, Optional<?>> values = kept.get(reads);
    return values == null ? null : values.get(key);
  }

  /** To pass to {@link #keep}: taken before reading. */
  synchronized long generation() {
    return generation;
  }

  synchronized void keep(Object reads, String key, Optional<?> value, long readAt) {
    if (writing == 0 && generation == readAt) {
      kept.computeIfAbsent(reads, r -> new HashMap<>()).put(key, value);
    }
  }

  /** {@code tx} writes kept rows: nothing is served until it ends. Once per transaction. */
  void written(SqlTx tx) {
    boolean[] marked = tx.memo(SharedReads.class, () -> new boolean[1]);
    if (marked[0]) {
      return;
    }
    marked[0] = true;
    synchronized (this) {
      writing++;
      forgetAll();
    }
    tx.afterEnd(this::ended);
  }

  private synchronized void ended() {
    writing--;
    forgetAll();
  }

  private void forgetAll() {
    generation++;
    kept.clear();
  }
}
