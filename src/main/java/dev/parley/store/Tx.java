package dev.parley.store;

import java.util.function.Supplier;

/**
 * An open transaction. Store methods that read or write take it as their first parameter, so the
 * domain service that opened it decides what commits together.
 */
public interface Tx {
  /**
   * Runs {@code action} once this write transaction has durably committed, and never if it rolls
   * back. It runs on the store's committing thread, so it must be quick and must not block: hand
   * work off (wake a thread, queue a push) rather than do it.
   */
  void afterCommit(Runnable action);

  /**
   * Runs {@code action} inside this write transaction once its work is done, just before it
   * commits: for rows a change holds back to write many in one statement. An action that fails
   * rolls the transaction back, as failing work does.
   */
  void beforeCommit(Runnable action);

  /**
   * The value kept under {@code key} for the rest of this transaction, made by {@code make} the
   * first time: what one change already looked up, the next change in the same transaction need not
   * look up again.
   */
  <T> T memo(Object key, Supplier<T> make);
}
