package dev.parley.store;

/** Webhook deliveries and their attempts. */
public interface DeliveryStore {
  void insert(Tx tx, DeliveryRecord delivery);
}
