package dev.parley.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The statements every message runs (its conversation's index, its author's participant, its Sync
 * list's and document's event ids), straight through JDBC on the handle's connection: JDBI's
 * per-statement set-up (context, argument binding, result iteration) costs the single SQLite writer
 * as much as SQLite's own work on a one-row statement. Positional parameters; each value a String,
 * a long (boxed), an instant or null.
 */
final class DirectStatements {
  private DirectStatements() {}

  /** What to do with the prepared, not yet bound, statement. */
  interface StatementWork<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /** How to read the current row of a result. */
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** The first row of {@code sql}'s result, read by {@code reader}; empty when it gives none. */
  static <T> Optional<T> first(Handle handle, String sql, RowReader<T> reader, Object... values) {
    return run(
        handle,
        sql,
        statement -> {
          bind(statement, values);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(reader.read(rows)) : Optional.empty();
          }
        });
  }

  /** The one number {@code sql} returns (an UPDATE … RETURNING of one row). */
  static long number(Handle handle, String sql, Object... values) {
    return first(handle, sql, row -> row.getLong(1), values)
        .orElseThrow(() -> new IllegalStateException("no row for " + head(sql)));
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof java.time.Instant instant) {
        statement.setLong(i + 1, instant.toEpochMilli());
      } else if (value instanceof Long number) {
        statement.setLong(i + 1, number);
      } else if (value == null || value instanceof String) {
        statement.setString(i + 1, (String) value);
      } else {
        throw new IllegalArgumentException("no direct binding for " + value.getClass());
      }
    }
  }

  /**
   * Runs {@code work} on the statement for {@code sql}: the SQLite writer's cached one (see {@link
   * CachingStatementBuilder}), or one prepared for this use (pgjdbc keeps its own server-side
   * statements per connection).
   */
  static <T> T run(Handle handle, String sql, StatementWork<T> work) {
    var connection = handle.getConnection();
    try {
      if (handle.getStatementBuilder() instanceof CachingStatementBuilder cache) {
        PreparedStatement statement = cache.create(connection, sql, null);
        try {
          return work.run(statement);
        } finally {
          cache.close(connection, sql, statement);
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        return work.run(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + head(sql) + "…", e);
    }
  }

  private static String head(String sql) {
    return sql.substring(0, Math.min(40, sql.length()));
  }
}
