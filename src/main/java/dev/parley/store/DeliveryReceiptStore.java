package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** Delivery receipts of messages, in the order they were recorded. */
public interface DeliveryReceiptStore {
  void insert(Tx tx, DeliveryReceiptRecord receipt);

  Optional<DeliveryReceiptRecord> find(Tx tx, String messageSid, String sid);

  Slice<DeliveryReceiptRecord> page(Tx tx, String messageSid, PageRequest page);

  /** How many receipts of each status every message in {@code messageSids} has. */
  List<StatusCount> statusCounts(Tx tx, List<String> messageSids);

  /** {@code count} receipts of {@code messageSid} are in {@code status}. */
  record StatusCount(String messageSid, String status, long count) {}
}
