package dev.parley.store.sql;

import dev.parley.store.Tx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rows that one transaction asks for again and again (an account's configuration, its service: a
 * web chat needs each in three places) read once per transaction, and read afresh after the
 * transaction writes any of them. They also outlive the transaction ({@link SharedReads}).
 */
final class ReadOnce<T> {
  /** What the values are, unique in the store: names them in messages to other nodes. */
  private final String kind;

  ReadOnce(String kind) {
    this.kind = kind;
  }

  Optional<T> get(Tx tx, String key, Supplier<Optional<T>> read) {
    Map<String, Optional<T>> seen = seen(tx);
    Optional<T> known = seen.get(key);
    if (known == null) {
      known = readShared(tx, key, read);
      seen.put(key, known);
    }
    return known;
  }

  /** The value other transactions read, when the store keeps such (see {@link SharedReads}). */
  @SuppressWarnings("unchecked")
  private Optional<T> readShared(Tx tx, String key, Supplier<Optional<T>> read) {
    SharedReads shared = SqlTx.sharedReads(tx);
    if (shared == null) {
      return read.get();
    }
    Optional<?> kept = shared.get(kind, key);
    if (kept != null) {
      return (Optional<T>) kept;
    }
    Optional<T> value = read.get();
    // The generation the transaction began at, not now's: its snapshot may be older than a change
    // dropped since it began.
    shared.keep(kind, key, value, ((SqlTx) tx).readAt());
    return value;
  }

  /** Called by every write of these rows. */
  void forget(Tx tx) {
    seen(tx).clear();
    SharedReads shared = SqlTx.sharedReads(tx);
    if (shared != null) {
      shared.written((SqlTx) tx);
    }
  }

  /** Called by every write of the row(s) read under {@code key}; the others stay known. */
  void forget(Tx tx, String key) {
    forget(tx, key, true);
  }

  private void forget(Tx tx, String key, boolean announced) {
    seen(tx).remove(key);
    SharedReads shared = SqlTx.sharedReads(tx);
    if (shared != null) {
      shared.written((SqlTx) tx, kind, key, announced);
    }
  }

  /**
   * As {@link #forget(Tx, String)}, for a key no other transaction can have read (that of a row
   * {@code tx} created): only when {@code tx} read it itself is there anything to forget, and no
   * other node is told.
   */
  void forgetOwn(Tx tx, String key) {
    if (seen(tx).containsKey(key)) {
      forget(tx, key, false);
    }
  }

  private Map<String, Optional<T>> seen(Tx tx) {
    return tx.memo(this, HashMap::new);
  }
}
