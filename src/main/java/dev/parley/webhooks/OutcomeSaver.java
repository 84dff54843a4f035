package dev.parley.webhooks;

import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes the delivery engine's outcomes off its dispatcher thread, so the dispatcher keeps starting
 * calls while a commit (and its fsync) is under way; saves running together share the store's group
 * commit. A lane stays busy until its outcome is saved ({@link #poll}), so a conversation's next
 * event still goes only after the previous outcome is durable. {@link #save} and {@link #poll} are
 * called by the dispatcher thread only.
 */
final class OutcomeSaver implements AutoCloseable {
  private static final int THREADS = 4;

  /**
   * Outcomes saved together, in the order given; {@code failure} is set when the write failed;
   * {@code kept[i]} is false when the i-th was not saved because another node holds its lane now.
   */
  record Batch(List<Lane> lanes, List<Settled> settled, boolean[] kept, RuntimeException failure) {}

  private final Store store;
  private final String node;
  private final Runnable wake;
  private final ConcurrentLinkedQueue<Batch> saved = new ConcurrentLinkedQueue<>();
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          THREADS,
          work -> {
            Thread thread = new Thread(work, "parley-webhook-outcomes");
            thread.setDaemon(true);
            return thread;
          });
  private int saving;

  /** {@code wake} is called after each save, from the saving thread. */
  OutcomeSaver(Store store, String node, Runnable wake) {
    this.store = store;
    this.node = node;
    this.wake = wake;
  }

  /** Starts writing {@code settled}, the outcomes of the heads of {@code lanes}. */
  void save(List<Lane> lanes, List<Settled> settled) {
    saving++;
    threads.execute(
        () -> {
          RuntimeException failure = null;
          List<DeliveryRecord> deliveries = new ArrayList<>(settled.size());
          List<AttemptRecord> attempts = new ArrayList<>(settled.size());
          for (Settled s : settled) {
            deliveries.add(s.delivery());
            attempts.add(s.attempt());
          }
          boolean[] kept;
          try {
            kept =
                store.write(
                    tx -> store.deliveries().recordLeasedOutcomes(tx, node, deliveries, attempts));
          } catch (RuntimeException e) {
            kept = new boolean[settled.size()]; // none written
            failure = e;
          }
          saved.add(new Batch(lanes, settled, kept, failure));
          wake.run();
        });
  }

  /** The next batch whose write ended, or null. */
  Batch poll() {
    Batch batch = saved.poll();
    if (batch != null) {
      saving--;
    }
    return batch;
  }

  boolean nothingToPoll() {
    return saved.isEmpty();
  }

  /** Batches written or being written and not polled yet. */
  int saving() {
    return saving;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
