package dev.parley.store.sql;

import dev.parley.store.ConsoleSessionRecord;
import dev.parley.store.ConsoleSessionStore;
import dev.parley.store.Tx;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlConsoleSessions implements ConsoleSessionStore {
  private static final RowMapper<ConsoleSessionRecord> MAPPER =
      RecordMapper.of(ConsoleSessionRecord.class);

  @Override
  public void insert(Tx tx, ConsoleSessionRecord session) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO console_sessions (token_hash, agent_sid, csrf_token, date_created,"
                + " date_expires) VALUES (:tokenHash, :agentSid, :csrfToken, :dateCreated,"
                + " :dateExpires)")
        .bindNamedArgumentFinder(RecordArguments.of(session))
        .execute();
  }

  @Override
  public Optional<ConsoleSessionRecord> find(Tx tx, String tokenHash) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM console_sessions WHERE token_hash = :tokenHash")
        .bind("tokenHash", tokenHash)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public void delete(Tx tx, String tokenHash) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM console_sessions WHERE token_hash = :tokenHash")
        .bind("tokenHash", tokenHash)
        .execute();
  }

  @Override
  public void deleteOfAgent(Tx tx, String agentSid) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM console_sessions WHERE agent_sid = :agentSid")
        .bind("agentSid", agentSid)
        .execute();
  }

  @Override
  public void deleteExpired(Tx tx, Instant now) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM console_sessions WHERE date_expires <= :now")
        .bind("now", now)
        .execute();
  }
}
