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
  /**
   * Values kept per kind of row at most: some are per conversation (its webhooks), and a kind that
   * reaches this is simply forgotten and read afresh.
   */
  private static final int MAX_KEPT = 10_000;

  private final Map<Object, Map<String, Optional<?>>> kept = new HashMap<>();
  private long generation;
  private int writing;

  /**
   * One value of one kind: for the kinds written row by row (see {@link #written(SqlTx, Object,
   * String)}).
   */
  private record Key(Object reads, String key) {}

  /** The values that open transactions write, with how many write each. */
  private final Map<Key, Integer> writingKeys = new HashMap<>();

  /** The value kept under {@code key} by {@code reads}, or null. */
  synchronized Optional<?> get(Object reads, String key) {
    if (writing > 0 || (!writingKeys.isEmpty() && writingKeys.containsKey(new Key(reads, key)))) {
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
    if (writing == 0
        && generation == readAt
        && (writingKeys.isEmpty() || !writingKeys.containsKey(new Key(reads, key)))) {
      Map<String, Optional<?>> values = kept.computeIfAbsent(reads, r -> new HashMap<>());
      if (values.size() >= MAX_KEPT) {
        values.clear();
      }
      values.put(key, value);
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

  /**
   * {@code tx} writes the value under {@code key} of {@code reads} (a conversation's webhooks):
   * that value alone is neither served nor kept until it ends, and is dropped then; the others
   * stay. Once per transaction and key.
   */
  void written(SqlTx tx, Object reads, String key) {
    Key written = new Key(reads, key);
    if (!tx.memo(Key.class, java.util.HashSet<Key>::new).add(written)) {
      return;
    }
    synchronized (this) {
      writingKeys.merge(written, 1, Integer::sum);
      forget(written);
    }
    tx.afterEnd(() -> ended(written));
  }

  private synchronized void ended(Key written) {
    writingKeys.computeIfPresent(written, (k, count) -> count == 1 ? null : count - 1);
    forget(written);
  }

  /** A read that began before now keeps nothing: it may have seen the value before the write. */
  private void forget(Key written) {
    generation++;
    Map<String, Optional<?>> values = kept.get(written.reads());
    if (values != null) {
      values.remove(written.key());
    }
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
