package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** Participants of one conversation. {@code sidOrIdentity} resolves Twilio's path alias. */
public interface ParticipantStore {
  void insert(Tx tx, ParticipantRecord participant);

  Optional<ParticipantRecord> find(Tx tx, String conversationSid, String sidOrIdentity);

  Optional<ParticipantRecord> findByIdentity(Tx tx, String conversationSid, String identity);

  /** The participants of a conversation whose binding has {@code address}. */
  List<ParticipantRecord> withAddress(Tx tx, String conversationSid, String address);

  /**
   * A conversation other than {@code exceptConversationSid} that is not closed and has a
   * participant bound to {@code address} through {@code proxyAddress}.
   */
  Optional<String> openConversationWithBinding(
      Tx tx, String serviceSid, String exceptConversationSid, String address, String proxyAddress);

  /** Whether chat participants {@code identity} and {@code other} meet in some conversation. */
  boolean meet(Tx tx, String serviceSid, String identity, String other);

  Slice<ParticipantRecord> page(Tx tx, String conversationSid, PageRequest page);

  void update(Tx tx, ParticipantRecord participant);

  void delete(Tx tx, String sid);
}
