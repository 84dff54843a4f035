package dev.parley.store.sql;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps rows to a record through its canonical constructor, matching each component to the column of
 * the same name in snake_case (after an optional prefix). JDBI's {@code ConstructorMapper} matches
 * names anew for every query, which cost the single SQLite writer more than running the query; this
 * matches once per column layout and then reads by index. The constructor is called through
 * reflection, not a spread method handle: each of those spun and JIT-compiled classes of its own at
 * start (about 15 ms of a start's main thread for the store's 32 mappers).
 */
final class RecordMapper<T extends Record> implements RowMapper<T> {
  private final Class<T> type;
  private final String prefix;
  private final String[] columns;
  private final Class<?>[] types;
  private final Constructor<T> constructor;
  private final Map<String, int[]> plans = new ConcurrentHashMap<>();
  private final Map<String, int[]> bySql = new ConcurrentHashMap<>();

  private RecordMapper(Class<T> type, String prefix) {
    this.type = type;
    this.prefix = prefix;
    RecordComponent[] components = type.getRecordComponents();
    this.columns = new String[components.length];
    this.types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      columns[i] = prefix + snakeCase(components[i].getName());
      types[i] = components[i].getType();
    }
    try {
      this.constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true); // no caller check on every row
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no canonical constructor on " + type, e);
    }
  }

  static <T extends Record> RecordMapper<T> of(Class<T> type) {
    return new RecordMapper<>(type, "");
  }

  static <T extends Record> RecordMapper<T> of(Class<T> type, String prefix) {
    return new RecordMapper<>(type, prefix);
  }

  @Override
  public T map(ResultSet rs, StatementContext ctx) throws SQLException {
    return map(rs, plan(rs.getMetaData()));
  }

  /**
   * Maps the current row of {@code sql}'s result. The plan is kept by the SQL text, so the row's
   * column names are not read again: reading them (a native call and a string per column) cost the
   * SQLite writer more than the row's values. Only for a statement whose columns cannot change
   * while Parley runs (migrations run before the first statement).
   */
  T map(ResultSet rs, String sql) throws SQLException {
    int[] plan = bySql.get(sql);
    if (plan == null) {
      plan = plan(rs.getMetaData());
      bySql.put(sql, plan);
    }
    return map(rs, plan);
  }

  private T map(ResultSet rs, int[] plan) throws SQLException {
    Object[] values = new Object[plan.length];
    for (int i = 0; i < plan.length; i++) {
      values[i] = read(rs, plan[i], types[i]);
    }
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause; // a record's own check of its components
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
    }
  }

  /** Which column (1-based) feeds each component, worked out once per column layout. */
  private int[] plan(ResultSetMetaData meta) throws SQLException {
    int count = meta.getColumnCount();
    String[] labels = new String[count];
    for (int i = 0; i < count; i++) {
      labels[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
    }
    String layout = String.join(",", labels);
    int[] known = plans.get(layout);
    if (known != null) {
      return known;
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = count - 1; i >= 0; i--) {
      byName.put(labels[i], i + 1);
    }
    int[] plan = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      Integer index = byName.get(columns[i]);
      if (index == null) {
        throw new IllegalStateException(
            type.getSimpleName()
                + " needs column "
                + columns[i]
                + "; the query gives "
                + Arrays.toString(labels));
      }
      plan[i] = index;
    }
    plans.put(layout, plan);
    return plan;
  }

  private static Object read(ResultSet rs, int column, Class<?> type) throws SQLException {
    if (type == String.class) {
      return rs.getString(column);
    }
    if (type == long.class || type == Long.class) {
      long value = rs.getLong(column);
      return rs.wasNull() && type == Long.class ? null : value;
    }
    if (type == int.class || type == Integer.class) {
      int value = rs.getInt(column);
      return rs.wasNull() && type == Integer.class ? null : value;
    }
    if (type == boolean.class || type == Boolean.class) {
      boolean value = rs.getBoolean(column);
      return rs.wasNull() && type == Boolean.class ? null : value;
    }
    if (type == Instant.class) {
      long millis = rs.getLong(column);
      return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
    throw new IllegalStateException("no column reader for " + type);
  }

  private static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
