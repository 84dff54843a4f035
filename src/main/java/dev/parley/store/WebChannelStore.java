package dev.parley.store;

import java.time.Instant;
import java.util.Optional;

/** Flex v1 web channels of an account. */
public interface WebChannelStore {
  void insert(Tx tx, WebChannelRecord channel);

  Optional<WebChannelRecord> find(Tx tx, String accountSid, String sid);

  /** The account's web channels in creation order. */
  Slice<WebChannelRecord> page(Tx tx, String accountSid, PageRequest page);

  void touch(Tx tx, String sid, Instant dateUpdated);

  void delete(Tx tx, String sid);
}
