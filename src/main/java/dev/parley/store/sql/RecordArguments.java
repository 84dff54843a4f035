package dev.parley.store.sql;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
  /**
   * A component's name, accessor and type, and how to set it on a JDBC parameter (null: by JDBI).
   * The accessor is a class made for it ({@link LambdaMetafactory}), which calls the record's
   * accessor directly: a method handle that is not a constant is run through its lambda forms on
   * every call, and reading a batch's rows that way was a tenth of a PostgreSQL writer's time.
   */
  private record Component(
      String name, Function<Record, Object> accessor, Class<?> type, Setter setter) {}

  /** Sets a value, null included, of one column type on a JDBC statement's parameter. */
  private interface Setter {
    void set(PreparedStatement statement, int position, Object value) throws SQLException;
  }

  /** Each record class's components, in declaration order. */
  private static final ClassValue<Component[]> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
          RecordComponent[] declared = type.getRecordComponents();
          Component[] components = new Component[declared.length];
          for (int i = 0; i < declared.length; i++) {
            RecordComponent c = declared[i];
            components[i] =
                new Component(c.getName(), accessor(c), c.getType(), setterFor(c.getType()));
          }
          return components;
        }
      };

  /** Each record class's components by name, for the named binding. */
  private static final ClassValue<Map<String, Component>> BY_NAME =
      new ClassValue<>() {
        @Override
        protected Map<String, Component> computeValue(Class<?> type) {
          Map<String, Component> byName = new LinkedHashMap<>();
          for (Component c : COMPONENTS.get(type)) {
            byName.put(c.name(), c);
          }
          return byName;
        }
      };

  private final Record record;
  private final Map<String, Component> components;

  private RecordArguments(Record record) {
    this.record = record;
    this.components = BY_NAME.get(record.getClass());
  }

  static RecordArguments of(Record record) {
    return new RecordArguments(record);
  }

  /** The components of {@code type} in declaration order. */
  static List<String> names(Class<? extends Record> type) {
    return List.copyOf(BY_NAME.get(type).keySet());
  }

  /**
   * Sets the components of {@code record} but {@code skipped} (null for none), in declaration
   * order, on a JDBC statement's parameters from {@code first} (1-based) on, the way the named
   * binding binds them; returns the parameter after the last.
   */
  static int bindInOrder(PreparedStatement statement, int first, Record record, String skipped)
      throws SQLException {
    return bindInOrder(statement, first, record, skipped, null);
  }

  /** As {@link #bindInOrder(PreparedStatement, int, Record, String)}, {@code also} skipped too. */
  static int bindInOrder(
      PreparedStatement statement, int first, Record record, String skipped, String also)
      throws SQLException {
    int position = first;
    for (Component component : COMPONENTS.get(record.getClass())) {
      if (component.name().equals(skipped) || component.name().equals(also)) {
        continue;
      }
      if (component.setter() == null) {
        throw new IllegalArgumentException("no JDBC binding for " + component.type().getName());
      }
      component.setter().set(statement, position++, read(record, component));
    }
    return position;
  }

  /** The types of {@code type}'s components but {@code skipped} (null for none), in order. */
  static List<Class<?>> types(Class<? extends Record> type, String skipped) {
    return types(type, skipped, null);
  }

  /** As {@link #types(Class, String)}, {@code also} skipped too. */
  static List<Class<?>> types(Class<? extends Record> type, String skipped, String also) {
    List<Class<?>> types = new ArrayList<>();
    for (Component c : COMPONENTS.get(type)) {
      if (!c.name().equals(skipped) && !c.name().equals(also)) {
        types.add(c.type());
      }
    }
    return types;
  }

  /**
   * The values of {@code record}'s components but {@code skipped} (null for none), in order, as
   * they are bound (an instant as its epoch milliseconds).
   */
  static Object[] values(Record record, String skipped) {
    return values(record, skipped, null);
  }

  /** As {@link #values(Record, String)}, {@code also} (a component other than skipped) too. */
  static Object[] values(Record record, String skipped, String also) {
    Component[] components = COMPONENTS.get(record.getClass());
    Object[] values =
        new Object[components.length - (skipped == null ? 0 : 1) - (also == null ? 0 : 1)];
    int i = 0;
    for (Component c : components) {
      if (c.name().equals(skipped) || c.name().equals(also)) {
        continue;
      }
      Object value = read(record, c);
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
    return Optional.of(argument(component, read(record, component), ctx));
  }

  private static Object read(Record record, Component component) {
    return component.accessor().apply(record);
  }

  /** {@code component}'s accessor as a function (a primitive boxed). */
  @SuppressWarnings("unchecked")
  private static Function<Record, Object> accessor(RecordComponent component) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle accessor = lookup.unreflect(component.getAccessor());
      Class<?> type = component.getType();
      Class<?> boxed = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
      return (Function<Record, Object>)
          LambdaMetafactory.metafactory(
                  lookup,
                  "apply",
                  MethodType.methodType(Function.class),
                  MethodType.methodType(Object.class, Object.class),
                  accessor,
                  MethodType.methodType(boxed, component.getDeclaringRecord()))
              .getTarget()
              .invoke();
    } catch (Throwable e) {
      throw new IllegalStateException(
          "cannot read " + component.getDeclaringRecord().getName() + "." + component.getName(), e);
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
