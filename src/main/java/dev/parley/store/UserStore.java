package dev.parley.store;

import java.util.Optional;

/** Users of one service. {@code sidOrIdentity} resolves Twilio's path alias. */
public interface UserStore {
  void insert(Tx tx, UserRecord user);

  Optional<UserRecord> find(Tx tx, String serviceSid, String sidOrIdentity);

  Optional<UserRecord> findByIdentity(Tx tx, String serviceSid, String identity);

  Slice<UserRecord> page(Tx tx, String serviceSid, PageRequest page);

  void update(Tx tx, UserRecord user);

  void delete(Tx tx, String sid);
}
