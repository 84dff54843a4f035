package dev.parley.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The outbox of change events. */
public interface EventStore {
  /** Appends {@code event} and returns its sequence number. */
  long append(Tx tx, EventRecord event);

  /**
   * Makes this transaction take turns with every other that records events of the conversation (or
   * the account, for events of no conversation), as appending one does: from here to its end,
   * whatever another such transaction wrote is committed and visible, or waits for this one.
   */
  void serialize(Tx tx, String conversationOrAccountSid);

  Optional<EventRecord> find(Tx tx, long seq);

  /** The events with these sequence numbers, in no particular order. */
  List<EventRecord> findAll(Tx tx, Collection<Long> seqs);
}
