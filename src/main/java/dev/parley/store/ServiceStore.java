package dev.parley.store;

import java.util.Optional;

/** Conversation Services. Lookups are always within one account. */
public interface ServiceStore {
  void insert(Tx tx, ServiceRecord service);

  Optional<ServiceRecord> find(Tx tx, String accountSid, String sid);

  Slice<ServiceRecord> page(Tx tx, String accountSid, PageRequest page);

  void update(Tx tx, ServiceRecord service);

  void delete(Tx tx, String sid);
}
