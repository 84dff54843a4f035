package dev.parley.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The outbox of change events. */
public interface EventStore {
  /** Appends {@code event} and returns its sequence number. */
  long append(Tx tx, EventRecord event);

  Optional<EventRecord> find(Tx tx, long seq);

  /** The events with these sequence numbers, in no particular order. */
  List<EventRecord> findAll(Tx tx, Collection<Long> seqs);
}
