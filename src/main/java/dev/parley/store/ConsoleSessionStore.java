package dev.parley.store;

import java.time.Instant;
import java.util.Optional;

/** Console log-ins, found by the hash of their cookie token. */
public interface ConsoleSessionStore {
  void insert(Tx tx, ConsoleSessionRecord session);

  Optional<ConsoleSessionRecord> find(Tx tx, String tokenHash);

  void delete(Tx tx, String tokenHash);

  /** Ends every session of the agent (deleted agent, new password). */
  void deleteOfAgent(Tx tx, String agentSid);

  /** Forgets sessions that expired before {@code now}. */
  void deleteExpired(Tx tx, Instant now);
}
