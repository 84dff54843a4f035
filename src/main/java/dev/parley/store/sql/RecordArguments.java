package dev.parley.store.sql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.NamedArgumentFinder;
import org.jdbi.v3.core.qualifier.QualifiedType;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Binds a record's components by name, like JDBI's {@code bindMethods}, but with each record
 * class's accessors and their column types worked out once: {@code bindMethods} resolves the getter
 * and the argument factory of every parameter again on every statement, which was a fifth of the
 * SQLite writer's time. The types the records use bind as JDBI binds them (instants as epoch
 * milliseconds, see {@link Jdbis}); any other type is left to JDBI.
 */
final class RecordArguments implements NamedArgumentFinder {
  private record Component(MethodHandle accessor, Class<?> type) {}

  /** Each record class's components by name, in declaration order. */
  private static final ClassValue<Map<String, Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Map<String, Component> computeValue(Class<?> type) {
          Map<String, Component> byName = new LinkedHashMap<>();
          for (RecordComponent c : type.getRecordComponents()) {
            try {
              MethodHandle accessor = MethodHandles.lookup().unreflect(c.getAccessor());
              byName.put(c.getName(), new Component(accessor, c.getType()));
            } catch (IllegalAccessException e) {
              throw new IllegalStateException("cannot read " + type.getName(), e);
            }
          }
          return byName;
        }
      };

  private final Record record;
  private final Map<String, Component> components;

  private RecordArguments(Record record) {
    this.record = record;
    this.components = COMPONENTS.get(record.getClass());
  }

  static RecordArguments of(Record record) {
    return new RecordArguments(record);
  }

  /** The components of {@code type} in declaration order. */
  static List<String> names(Class<? extends Record> type) {
    return List.copyOf(COMPONENTS.get(type).keySet());
  }

  /**
   * Sets the components of {@code record} but {@code skipped} (null for none), in declaration
   * order, on a JDBC statement's parameters from {@code first} (1-based) on, the way the named
   * binding binds them; returns the parameter after the last.
   */
  static int bindInOrder(PreparedStatement statement, int first, Record record, String skipped)
      throws SQLException {
    int position = first;
    for (Map.Entry<String, Component> c : COMPONENTS.get(record.getClass()).entrySet()) {
      if (!c.getKey().equals(skipped)) {
        set(statement, position++, c.getValue().type(), read(record, c.getKey(), c.getValue()));
      }
    }
    return position;
  }

  private static void set(PreparedStatement s, int p, Class<?> type, Object value)
      throws SQLException {
    if (type == String.class) {
      s.setString(p, (String) value);
    } else if (type == Instant.class) {
      if (value == null) {
        s.setNull(p, Types.BIGINT);
      } else {
        s.setLong(p, ((Instant) value).toEpochMilli());
      }
    } else if (type == long.class || type == Long.class) {
      if (value == null) {
        s.setNull(p, Types.BIGINT);
      } else {
        s.setLong(p, (Long) value);
      }
    } else if (type == int.class || type == Integer.class) {
      if (value == null) {
        s.setNull(p, Types.INTEGER);
      } else {
        s.setInt(p, (Integer) value);
      }
    } else if (type == boolean.class || type == Boolean.class) {
      if (value == null) {
        s.setNull(p, Types.BOOLEAN);
      } else {
        s.setBoolean(p, (Boolean) value);
      }
    } else {
      throw new IllegalArgumentException("no JDBC binding for " + type.getName());
    }
  }

  @Override
  public Optional<Argument> find(String name, StatementContext ctx) {
    Component component = components.get(name);
    if (component == null) {
      return Optional.empty();
    }
    return Optional.of(argument(component.type(), read(record, name, component), ctx));
  }

  private static Object read(Record record, String name, Component component) {
    try {
      return component.accessor().invoke(record);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  private static Argument argument(Class<?> type, Object value, StatementContext ctx) {
    if (type == String.class) {
      return value == null
          ? (p, s, c) -> s.setNull(p, Types.VARCHAR)
          : (p, s, c) -> s.setString(p, (String) value);
    }
    if (type == Instant.class) {
      return value == null
          ? (p, s, c) -> s.setNull(p, Types.BIGINT)
          : (p, s, c) -> s.setLong(p, ((Instant) value).toEpochMilli());
    }
    if (type == long.class || type == Long.class) {
      return value == null
          ? (p, s, c) -> s.setNull(p, Types.BIGINT)
          : (p, s, c) -> s.setLong(p, (Long) value);
    }
    if (type == int.class || type == Integer.class) {
      return value == null
          ? (p, s, c) -> s.setNull(p, Types.INTEGER)
          : (p, s, c) -> s.setInt(p, (Integer) value);
    }
    if (type == boolean.class || type == Boolean.class) {
      return value == null
          ? (p, s, c) -> s.setNull(p, Types.BOOLEAN)
          : (p, s, c) -> s.setBoolean(p, (Boolean) value);
    }
    return ctx.findArgumentFor(QualifiedType.of(type), value)
        .orElseThrow(() -> new IllegalStateException("no argument for " + type.getName()));
  }
}
