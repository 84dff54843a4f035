package dev.parley.store;

import java.util.Optional;

/** Address configurations of an account. {@code sidOrAddress} resolves Twilio's path alias. */
public interface AddressStore {
  void insert(Tx tx, AddressRecord address);

  Optional<AddressRecord> find(Tx tx, String accountSid, String sidOrAddress);

  boolean addressTaken(Tx tx, String accountSid, String address);

  /** One page in creation order; {@code type} (lower-case) filters case-insensitively, or null. */
  Slice<AddressRecord> page(Tx tx, String accountSid, String type, PageRequest page);

  /** An address configuration whose auto-creation targets {@code serviceSid}, if any. */
  Optional<AddressRecord> firstUsingService(Tx tx, String serviceSid);

  void update(Tx tx, AddressRecord address);

  void delete(Tx tx, String sid);
}
