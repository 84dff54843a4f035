package dev.parley.store;

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
}
