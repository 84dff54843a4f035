package dev.parley.store;

import java.util.List;
import java.util.Optional;

/** Console agents of an account and the internal key that signs their access tokens. */
public interface AgentStore {
  void insert(Tx tx, AgentRecord agent);

  /** The agent by SID or identity within the account. */
  Optional<AgentRecord> find(Tx tx, String accountSid, String sidOrIdentity);

  /** Agents with {@code identity} in any account (a log-in names no account). */
  List<AgentRecord> withIdentity(Tx tx, String identity);

  Optional<AgentRecord> bySid(Tx tx, String sid);

  Slice<AgentRecord> page(Tx tx, String accountSid, PageRequest page);

  void update(Tx tx, AgentRecord agent);

  void delete(Tx tx, String sid);

  /** The SID of the API key that signs the account's agent tokens, once one was made. */
  Optional<String> consoleKeySid(Tx tx, String accountSid);

  void setConsoleKeySid(Tx tx, String accountSid, String keySid);
}
