package dev.parley.store.sql;

import dev.parley.store.Tx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rows that one transaction asks for again and again (an account's configuration, its service: a
 * web chat needs each in three places) read once per transaction, and read afresh after the
 * transaction writes any of them. On a store one process writes they also outlive the transaction
 * ({@link SharedReads}).
 */
final class ReadOnce<T> {
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
    Optional<?> kept = shared.get(this, key);
    if (kept != null) {
      return (Optional<T>) kept;
    }
    long readAt = shared.generation();
    Optional<T> value = read.get();
    shared.keep(this, key, value, readAt);
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
    seen(tx).remove(key);
    SharedReads shared = SqlTx.sharedReads(tx);
    if (shared != null) {
      shared.written((SqlTx) tx, this, key);
    }
  }

  /**
   * As {@link #forget(Tx, String)}, for a key no other transaction can have read (that of a row
   * {@code tx} created): only when {@code tx} read it itself is there anything to forget.
   */
  void forgetOwn(Tx tx, String key) {
    if (seen(tx).containsKey(key)) {
      forget(tx, key);
    }
  }

  private Map<String, Optional<T>> seen(Tx tx) {
    return tx.memo(this, HashMap::new);
  }
}
