package dev.parley.store;

import java.util.Optional;

/** Roles of one Conversation Service. */
public interface RoleStore {
  void insert(Tx tx, RoleRecord role);

  Optional<RoleRecord> find(Tx tx, String serviceSid, String sid);

  Slice<RoleRecord> page(Tx tx, String serviceSid, PageRequest page);

  void update(Tx tx, RoleRecord role);

  void delete(Tx tx, String sid);
}
