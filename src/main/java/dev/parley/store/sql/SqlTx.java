package dev.parley.store.sql;

import dev.parley.store.Tx;
import org.jdbi.v3.core.Handle;

/** A transaction on a JDBI handle. Only the {@code store.sql} package looks inside. */
record SqlTx(Handle handle) implements Tx {
  static Handle of(Tx tx) {
    return ((SqlTx) tx).handle();
  }
}
