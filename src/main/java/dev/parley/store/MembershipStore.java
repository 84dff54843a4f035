package dev.parley.store;

import java.util.Optional;

/** The conversations a person takes part in, across one service, oldest membership first. */
public interface MembershipStore {
  /** Memberships of the chat participants with {@code identity}. */
  Slice<MembershipRecord> byIdentity(Tx tx, String serviceSid, String identity, PageRequest page);

  /** Memberships of the participants whose messaging binding has {@code address}. */
  Slice<MembershipRecord> byAddress(Tx tx, String serviceSid, String address, PageRequest page);

  /** The membership of {@code identity} in one conversation. */
  Optional<MembershipRecord> find(Tx tx, String conversationSid, String identity);
}
