package dev.parley.webhooks;

import dev.parley.store.DeliveryRecord;
import java.util.ArrayDeque;

/**
 * The pending deliveries of one lane (one target, one conversation) that the engine holds, oldest
 * first. Only the head is ever attempted; the next goes once it was delivered (its outcome then
 * saved in the background) or, after a failed attempt, once that outcome is saved. {@code complete}
 * is false when the store holds more of the lane's pending deliveries (up to the engine's read
 * position) than are loaded here.
 */
final class Lane {
  final String key;
  final ArrayDeque<DeliveryRecord> queue = new ArrayDeque<>();
  boolean complete = true;
  boolean busy;

  /**
   * Delivered heads whose outcome is still being saved: until they are, the store still has them
   * pending, so the lane is neither reread (it would send them again) nor handed back.
   */
  int saving;

  /** Set by a replay: reread the lane from the store once its head is back. */
  boolean reread;

  long dueMillis;

  /** Another node took the lane over: nothing more is done with it here. */
  boolean lost;

  Lane(String key) {
    this.key = key;
  }

  DeliveryRecord head() {
    return queue.peekFirst();
  }
}
