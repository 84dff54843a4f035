package dev.parley.store.sql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ReadOnce} read, kept past its transaction for the next ones: configuration rows
 * (accounts' configurations, services, address configurations, a conversation's webhooks) that
 * every web chat reads and almost nothing changes. Correct by being cautious: while any transaction
 * of this node that wrote one of them is open, nothing is served or kept, and when it ends
 * (committed or not) everything kept is dropped; a value read by a transaction that began before a
 * change was dropped is not kept, as the generation it began at has moved on.
 *
 * <p>Where other nodes write the same database (PostgreSQL), each write also tells every node, at
 * its commit, to drop what it keeps ({@link #heard}); until this node hears those messages (its
 * listening connection is up and listening, {@link #hearing}) it keeps nothing. A node may serve a
 * value another node changed for as long as the message takes to arrive.
 */
final class SharedReads {
  /**
   * Values kept per kind of row at most: some are per conversation (its webhooks), and a kind that
   * reaches this is simply forgotten and read afresh.
   */
  private static final int MAX_KEPT = 10_000;

  /** The message that drops every kept value. */
  static final String ALL = "*";

  /** Sends a message to every node (this one included) when the transaction commits. */
  @FunctionalInterface
  interface Announcer {
    void announce(SqlTx tx, String message);
  }

  private final Map<String, Map<String, Optional<?>>> kept = new HashMap<>();
  private final Announcer announcer;
  private long generation;
  private int writing;
  private boolean deaf;

  /** For a store only this process writes: nothing to announce, nothing to hear. */
  SharedReads() {
    this.announcer = null;
  }

  /**
   * For a store other nodes write too: every write is announced with {@code announcer}, whose
   * messages every node passes to {@link #heard}. Keeps nothing until {@link #hearing} says so.
   */
  SharedReads(Announcer announcer) {
    this.announcer = announcer;
    this.deaf = true;
  }

  /**
   * One value of one kind: for the kinds written row by row (see {@link #written(SqlTx, String,
   * String, boolean)}).
   */
  private record Key(String kind, String key) {}

  /** The values that open transactions write, with how many write each. */
  private final Map<Key, Integer> writingKeys = new HashMap<>();

  /** The value of {@code kind} kept under {@code key}, or null. */
  synchronized Optional<?> get(String kind, String key) {
    if (!serving() || (!writingKeys.isEmpty() && writingKeys.containsKey(new Key(kind, key)))) {
      return null;
    }
    Map<String, Optional<?>> values = kept.get(kind);
    return values == null ? null : values.get(key);
  }

  /**
   * Taken when a transaction begins (before its first statement, so before its snapshot) and passed
   * to {@link #keep}: a value it reads is kept only if nothing was dropped since.
   */
  synchronized long generation() {
    return generation;
  }

  synchronized void keep(String kind, String key, Optional<?> value, long readAt) {
    if (serving()
        && generation == readAt
        && (writingKeys.isEmpty() || !writingKeys.containsKey(new Key(kind, key)))) {
      Map<String, Optional<?>> values = kept.computeIfAbsent(kind, r -> new HashMap<>());
      if (values.size() >= MAX_KEPT) {
        values.clear();
      }
      values.put(key, value);
    }
  }

  private boolean serving() {
    return writing == 0 && !deaf;
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
    if (announcer != null) {
      announcer.announce(tx, ALL);
    }
  }

  /**
   * {@code tx} writes the value under {@code key} of {@code kind} (a conversation's webhooks): that
   * value alone is neither served nor kept until it ends, and is dropped then; the others stay.
   * Once per transaction and key. Other nodes are told unless {@code announced} is false (a key no
   * other transaction can know yet).
   */
  void written(SqlTx tx, String kind, String key, boolean announced) {
    Key written = new Key(kind, key);
    if (!tx.memo(Key.class, HashSet<Key>::new).add(written)) {
      return;
    }
    synchronized (this) {
      writingKeys.merge(written, 1, Integer::sum);
      forget(written);
    }
    tx.afterEnd(() -> ended(written));
    if (announcer != null && announced) {
      announcer.announce(tx, kind + " " + key);
    }
  }

  /**
   * A message a write announced (on any node) after it committed: {@link #ALL}, or a kind and a
   * key. Drops what it names, and keeps nothing read by a transaction that began before.
   */
  synchronized void heard(String message) {
    int space = message.indexOf(' ');
    if (space < 0) {
      forgetAll();
    } else {
      forget(new Key(message.substring(0, space), message.substring(space + 1)));
    }
  }

  /**
   * Whether this node hears every message announced from now on (its listening connection is up and
   * listening). While it does not, nothing is kept or served: a write it misses would leave a kept
   * value stale. Either way everything kept so far is dropped.
   */
  synchronized void hearing(boolean hearing) {
    deaf = !hearing;
    forgetAll();
  }

  private synchronized void ended(Key written) {
    writingKeys.computeIfPresent(written, (k, count) -> count == 1 ? null : count - 1);
    forget(written);
  }

  /** A read that began before now keeps nothing: it may have seen the value before the write. */
  private void forget(Key written) {
    generation++;
    Map<String, Optional<?>> values = kept.get(written.kind());
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
