package dev.parley.store;

import java.util.Optional;

/** An account's canned responses (docs/console.md), each found only within its account. */
public interface CannedResponseStore {
  void insert(Tx tx, CannedResponseRecord response);

  /** The response by SID or short code within the account. */
  Optional<CannedResponseRecord> find(Tx tx, String accountSid, String sidOrShortCode);

  /** The account's responses by short code. */
  Slice<CannedResponseRecord> page(Tx tx, String accountSid, PageRequest page);

  void update(Tx tx, CannedResponseRecord response);

  void delete(Tx tx, String sid);
}
