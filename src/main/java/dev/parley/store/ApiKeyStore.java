package dev.parley.store;

import java.util.Optional;

/** API keys. Lookups for the API are within one account; {@link #find(Tx, String)} is for login. */
public interface ApiKeyStore {
  void insert(Tx tx, ApiKeyRecord key);

  /** The key whatever its account: authentication only knows the key SID. */
  Optional<ApiKeyRecord> find(Tx tx, String sid);

  Optional<ApiKeyRecord> find(Tx tx, String accountSid, String sid);

  Slice<ApiKeyRecord> page(Tx tx, String accountSid, PageRequest page);

  void update(Tx tx, ApiKeyRecord key);

  void delete(Tx tx, String sid);
}
