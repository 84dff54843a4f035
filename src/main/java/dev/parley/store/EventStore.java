package dev.parley.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** The outbox of change events. */
public interface EventStore {
  /**
   * Appends {@code event} and gives its sequence number, taking turns ({@link #serialize}) on
   * {@code turn}: the SID of the conversation the event is of, or of the user for a user's events.
   * The number may be known only once the store has sent the row (a PostgreSQL writer holds it back
   * for the next round trip): asking for it within the transaction sends it.
   */
  LongSupplier append(Tx tx, EventRecord event, String turn);

  /**
   * Makes this transaction take turns with every other that records events of the conversation or
   * user {@code turn} names, as appending one does: from here to its end, whatever another such
   * transaction wrote is committed and visible, or waits for this one.
   */
  void serialize(Tx tx, String turn);

  Optional<EventRecord> find(Tx tx, long seq);

  /** The events with these sequence numbers, in no particular order. */
  List<EventRecord> findAll(Tx tx, Collection<Long> seqs);
}
