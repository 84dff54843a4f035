package dev.parley.store.sql;

import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** JDBI set up the same way for every engine: instants travel as epoch milliseconds. */
final class Jdbis {
  private Jdbis() {}

  static Jdbi create(DataSource dataSource) {
    Jdbi jdbi = Jdbi.create(dataSource);
    jdbi.registerArgument(new InstantAsMillis());
    jdbi.registerColumnMapper(
        Instant.class,
        (rs, column, ctx) -> {
          long millis = rs.getLong(column);
          return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    return jdbi;
  }

  private static final class InstantAsMillis extends AbstractArgumentFactory<Instant> {
    InstantAsMillis() {
      super(Types.BIGINT);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
    }
  }
}
