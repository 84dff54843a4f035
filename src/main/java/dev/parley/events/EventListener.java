package dev.parley.events;

import dev.parley.store.Tx;

/**
 * Hears of each event inside the transaction that records it, so whatever it writes (webhook
 * deliveries) commits or rolls back with the change itself.
 */
public interface EventListener {
  void recorded(Tx tx, Event event);
}
