package dev.parley.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Webhook deliveries and their attempts, and the leases through which one node at a time sends a
 * lane's deliveries: a node claims a lane, renews its leases while it works, and gives idle lanes
 * back; a lease not renewed by {@code lease_until} (its node died) may be taken by any node.
 */
public interface DeliveryStore {
  /**
   * Queues {@code delivery} of the event numbered {@code eventSeq} (the record's own {@code
   * eventSeq} is not read): the event's number as {@link dev.parley.store.EventStore#append} gave
   * it, which the store may not have sent for yet. The store may write the row with the event's own
   * statement rather than ask for the number, so that queuing a delivery sends nothing.
   */
  void insert(Tx tx, DeliveryRecord delivery, LongSupplier eventSeq);

  /**
   * Where the delivery engine starts reading after a start: just before the oldest pending
   * delivery, or after the newest delivery when none is pending.
   */
  long resumePoint(Tx tx);

  /** The newest delivery's seq, 0 when there is none. */
  long lastSeq(Tx tx);

  /**
   * The seqs of the deliveries after {@code afterSeq}, in order, at most {@code limit}: a hole
   * among them is a transaction that took a seq and has not committed yet (or rolled back).
   */
  List<Long> seqsAfter(Tx tx, long afterSeq, int limit);

  /**
   * Pending deliveries after {@code afterSeq} up to {@code upToSeq}, oldest first, at most {@code
   * limit}.
   */
  List<DeliveryRecord> pendingAfter(Tx tx, long afterSeq, long upToSeq, int limit);

  /** The oldest pending deliveries of {@code lane} up to {@code upToSeq}, at most {@code limit}. */
  List<DeliveryRecord> pendingInLane(Tx tx, String lane, long upToSeq, int limit);

  /** Saves an attempt's outcome: the delivery's new state and, when one was made, the attempt. */
  void recordOutcome(Tx tx, DeliveryRecord delivery, AttemptRecord attempt);

  /**
   * Saves an outcome like {@link #recordOutcome}, but only while {@code node} holds the delivery's
   * lane; false (nothing written) when another node has taken the lane over.
   */
  boolean recordLeasedOutcome(Tx tx, String node, DeliveryRecord delivery, AttemptRecord attempt);

  /**
   * {@link #recordLeasedOutcome} for each of {@code deliveries} (distinct deliveries) with the
   * attempt at the same position (or null); element i of the answer is its answer for the i-th.
   */
  default boolean[] recordLeasedOutcomes(
      Tx tx, String node, List<DeliveryRecord> deliveries, List<AttemptRecord> attempts) {
    boolean[] kept = new boolean[deliveries.size()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = recordLeasedOutcome(tx, node, deliveries.get(i), attempts.get(i));
    }
    return kept;
  }

  /**
   * Leases to {@code node}, until {@code until}, those of {@code lanes} that no node holds or whose
   * lease expired by {@code now}, skipping any another node is claiming at this moment; returns the
   * ones {@code node} holds now (newly or already).
   */
  Set<String> claimLanes(Tx tx, String node, Collection<String> lanes, Instant now, Instant until);

  /**
   * Leases to {@code node}, until {@code until}, up to {@code limit} lanes whose lease expired by
   * {@code now} (their node stopped renewing), oldest expiry first; returns them.
   */
  List<String> claimExpiredLanes(Tx tx, String node, Instant now, Instant until, int limit);

  /** Extends every lease {@code node} holds to {@code until}; returns the lanes it still holds. */
  Set<String> renewLeases(Tx tx, String node, Instant until);

  /** Gives back {@code node}'s leases of {@code lanes}, idle lanes it has no more work for. */
  void releaseLanes(Tx tx, String node, Collection<String> lanes);

  /**
   * Ends every lease {@code node} holds now, on its way out: its lanes, pending work included, are
   * taken over on the other nodes' next tick, read back from their oldest pending delivery.
   */
  void expireLeases(Tx tx, String node, Instant now);

  Optional<DeliveryRecord> find(Tx tx, String accountSid, String sid);

  /**
   * An account's deliveries, newest first; {@code status} and {@code conversationSid} filter when
   * not null.
   */
  Slice<DeliveryRecord> page(
      Tx tx, String accountSid, String status, String conversationSid, PageRequest page);

  List<AttemptRecord> attempts(Tx tx, long deliverySeq);
}
