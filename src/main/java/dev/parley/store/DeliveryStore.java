package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** Webhook deliveries and their attempts. */
public interface DeliveryStore {
  void insert(Tx tx, DeliveryRecord delivery);

  /**
   * Where the delivery engine starts reading after a start: just before the oldest pending
   * delivery, or after the newest delivery when none is pending.
   */
  long resumePoint(Tx tx);

  /** Pending deliveries after {@code afterSeq}, oldest first, at most {@code limit}. */
  List<DeliveryRecord> pendingAfter(Tx tx, long afterSeq, int limit);

  /** The oldest pending deliveries of {@code lane} up to {@code upToSeq}, at most {@code limit}. */
  List<DeliveryRecord> pendingInLane(Tx tx, String lane, long upToSeq, int limit);

  /** Saves an attempt's outcome: the delivery's new state and, when one was made, the attempt. */
  void recordOutcome(Tx tx, DeliveryRecord delivery, AttemptRecord attempt);

  Optional<DeliveryRecord> find(Tx tx, String accountSid, String sid);

  /**
   * An account's deliveries, newest first; {@code status} and {@code conversationSid} filter when
   * not null.
   */
  Slice<DeliveryRecord> page(
      Tx tx, String accountSid, String status, String conversationSid, PageRequest page);

  List<AttemptRecord> attempts(Tx tx, long deliverySeq);
}
