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
  /** A component's accessor and type, and how to set it on a JDBC parameter (null: by JDBI). */
  private record Component(MethodHandle accessor, Class<?> type, Setter setter) {}

  /** Sets a value, null included, of one column type on a JDBC statement's parameter. */
  private interface Setter {
    void set(PreparedStatement statement, int position, Object value) throws SQLException;
  }

  /** Each record class's components by name, in declaration order. */
  private static final ClassValue<Map<String, Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Map<String, Component> computeValue(Class<?> type) {
          Map<String, Component> byName = new LinkedHashMap<>();
          for (RecordComponent c : type.getRecordComponents()) {
            try {
              MethodHandle accessor = MethodHandles.lookup().unreflect(c.getAccessor());
              byName.put(c.getName(), new Component(accessor, c.getType(), setterFor(c.getType())));
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
      if (c.getKey().equals(skipped)) {
        continue;
      }
      Component component = c.getValue();
      if (component.setter() == null) {
        throw new IllegalArgumentException("no JDBC binding for " + component.type().getName());
      }
      component.setter().set(statement, position++, read(record, c.getKey(), component));
    }
    return position;
  }

  /** The types of {@code type}'s components but {@code skipped} (null for none), in order. */
  static List<Class<?>> types(Class<? extends Record> type, String skipped) {
    return COMPONENTS.get(type).entrySet().stream()
        .filter(c -> !c.getKey().equals(skipped))
        .<Class<?>>map(c -> c.getValue().type())
        .toList();
  }

  /**
   * The values of {@code record}'s components but {@code skipped} (null for none), in order, as
   * they are bound (an instant as its epoch milliseconds).
   */
  static Object[] values(Record record, String skipped) {
    Map<String, Component> components = COMPONENTS.get(record.getClass());
    Object[] values = new Object[components.size() - (skipped == null ? 0 : 1)];
    int i = 0;
    for (Map.Entry<String, Component> c : components.entrySet()) {
      if (c.getKey().equals(skipped)) {
        continue;
      }
      Object value = read(record, c.getKey(), c.getValue());
      values[i++] = value instanceof Instant instant ? instant.toEpochMilli() : value;
    }
    return values;
  }

  @Override
  public Optional<Argument> find(String name, StatementContext ctx) {
    Component component = components.get(name);
    if (component == null) {
      return Optional.empty();
    }
    return Optional.of(argument(component, read(record, name, component), ctx));
  }

  private static Object read(Record record, String name, Component component) {
    try {
      return component.accessor().invoke(record);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  private static Argument argument(Component component, Object value, StatementContext ctx) {
    Setter setter = component.setter();
    if (setter != null) {
      return (position, statement, c) -> setter.set(statement, position, value);
    }
    return ctx.findArgumentFor(QualifiedType.of(component.type()), value)
        .orElseThrow(
            () -> new IllegalStateException("no argument for " + component.type().getName()));
  }

  /** The types the records use, set as JDBI sets them; null for any other (left to JDBI). */
  private static Setter setterFor(Class<?> type) {
    if (type == String.class) {
      return orNull(Types.VARCHAR, (s, p, v) -> s.setString(p, (String) v));
    }
    if (type == Instant.class) {
      return orNull(Types.BIGINT, (s, p, v) -> s.setLong(p, ((Instant) v).toEpochMilli()));
    }
    if (type == long.class || type == Long.class) {
      return orNull(Types.BIGINT, (s, p, v) -> s.setLong(p, (Long) v));
    }
    if (type == int.class || type == Integer.class) {
      return orNull(Types.INTEGER, (s, p, v) -> s.setInt(p, (Integer) v));
    }
    if (type == boolean.class || type == Boolean.class) {
      return orNull(Types.BOOLEAN, (s, p, v) -> s.setBoolean(p, (Boolean) v));
    }
    return null;
  }

  private static Setter orNull(int sqlType, Setter value) {
    return (s, p, v) -> {
      if (v == null) {
        s.setNull(p, sqlType);
      } else {
        value.set(s, p, v);
      }
    };
  }
}
