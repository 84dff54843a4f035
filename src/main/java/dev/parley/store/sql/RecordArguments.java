package dev.parley.store.sql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.NamedArgumentFinder;
import org.jdbi.v3.core.qualifier.QualifiedType;
import org.jdbi.v3.core.statement.SqlStatement;
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
   * Binds every component of {@code record}, in declaration order, to the positions from {@code
   * first} on; returns the position after the last.
   */
  static int bindInOrder(SqlStatement<?> statement, int first, Record record) {
    int position = first;
    for (Map.Entry<String, Component> c : COMPONENTS.get(record.getClass()).entrySet()) {
      Object value = read(record, c.getKey(), c.getValue());
      statement.bind(position++, argument(c.getValue().type(), value, statement.getContext()));
    }
    return position;
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
