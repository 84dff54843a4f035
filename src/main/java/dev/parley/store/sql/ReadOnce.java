package dev.parley.store.sql;

import dev.parley.store.Tx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rows that one transaction asks for again and again (an account's configuration, its service: a
 * web chat needs each in three places) read once per transaction, and read afresh after the
 * transaction writes any of them.
 */
final class ReadOnce<T> {
  Optional<T> get(Tx tx, String key, Supplier<Optional<T>> read) {
    Map<String, Optional<T>> seen = seen(tx);
    Optional<T> known = seen.get(key);
    if (known == null) {
      known = read.get();
      seen.put(key, known);
    }
    return known;
  }

  /** Called by every write of these rows. */
  void forget(Tx tx) {
    seen(tx).clear();
  }

  private Map<String, Optional<T>> seen(Tx tx) {
    return tx.memo(this, HashMap::new);
  }
}
