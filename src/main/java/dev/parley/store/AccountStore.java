package dev.parley.store;

import java.util.Optional;

/** Accounts and their per-account Conversations configuration. */
public interface AccountStore {
  void insert(Tx tx, AccountRecord account);

  Optional<AccountRecord> find(Tx tx, String sid);

  /** An account and the sub-accounts it owns, in creation order. */
  Slice<AccountRecord> pageFamily(Tx tx, String accountSid, AccountFilter filter, PageRequest page);

  void update(Tx tx, AccountRecord account);

  /** The first main account created: the one bootstrapped into a new store. */
  AccountRecord first(Tx tx);

  /** True when no account exists yet: the store is new and must be bootstrapped. */
  boolean isEmpty(Tx tx);

  void insertConfiguration(Tx tx, ConfigurationRecord configuration);

  Optional<ConfigurationRecord> configuration(Tx tx, String accountSid);

  void updateConfiguration(Tx tx, ConfigurationRecord configuration);
}
