package dev.parley.store.sql;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the writer connection's prepared statements for reuse. SQLite prepares a statement about as
 * slowly as it runs a small one, and the single writer runs the same few dozen statements all day.
 * A statement already in use (a nested query of the same text) gets a fresh, uncached one.
 * Single-threaded: one writer connection, one builder.
 */
final class CachingStatementBuilder implements StatementBuilder {
  private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
  private final Map<String, PreparedStatement> cache = new HashMap<>();
  private final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

  @Override
  public Statement create(Connection connection, StatementContext ctx) throws SQLException {
    return plain.create(connection, ctx);
  }

  @Override
  public PreparedStatement create(Connection connection, String sql, StatementContext ctx)
      throws SQLException {
    PreparedStatement cached = cache.get(sql);
    if (cached != null && !cached.isClosed() && !inUse.contains(cached)) {
      cached.clearParameters();
      inUse.add(cached);
      return cached;
    }
    PreparedStatement prepared = connection.prepareStatement(sql);
    if (cached == null || cached.isClosed()) {
      cache.put(sql, prepared);
      inUse.add(prepared);
    }
    return prepared;
  }

  @Override
  public CallableStatement createCall(Connection connection, String sql, StatementContext ctx)
      throws SQLException {
    return plain.createCall(connection, sql, ctx);
  }

  @Override
  public void close(Connection connection, String sql, Statement statement) throws SQLException {
    if (inUse.remove(statement)) {
      return;
    }
    statement.close();
  }

  @Override
  public void close(Connection connection) {
    for (PreparedStatement statement : cache.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // The connection is closing anyway.
      }
    }
    cache.clear();
    inUse.clear();
  }
}
