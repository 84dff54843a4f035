package dev.parley.store.sql;

import dev.parley.store.sql.Pipeline.Held;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same INSERT of many jobs of a PostgreSQL batch ({@link BatchedJobs}) as one statement that
 * takes one array per column: {@code INSERT INTO t (columns) SELECT * FROM unnest(CAST(? AS
 * text[]), …)}. Its text is the same whatever the number of rows, so pgjdbc and PostgreSQL keep it
 * prepared; a {@code VALUES} list as long as the batch would be a new text, parsed and planned
 * anew, nearly every batch. An INSERT that runs a query first ({@link
 * RecordInsert#insertReturningAfter}: an event's turn lock) runs it once per row before the first
 * row is inserted; one that returns its generated column returns it row by row in the arrays'
 * order, which is the order PostgreSQL inserts the rows of an {@code INSERT … SELECT} in and
 * answers them, so each job's reader reads its own row.
 */
final class ArrayInsert {
  /**
   * What an INSERT of some rows is: its table, record class, generated column and first query, and
   * what its dependents are (null where it has none).
   */
  private record Shape(
      String table,
      Class<? extends Record> type,
      String generated,
      String first,
      DependentShape dependents) {}

  /**
   * What an INSERT's dependents are: their table, record class, generated and number components.
   */
  private record DependentShape(
      String table, Class<? extends Record> type, String generated, String number) {
    static DependentShape of(RecordInsert.Dependents dependents) {
      return dependents == null
          ? null
          : new DependentShape(
              dependents.table(),
              dependents.rows().get(0).getClass(),
              dependents.generated(),
              dependents.number());
    }
  }

  /**
   * The statement of a shape and the array type of each column it binds, then of each its
   * dependents bind (null: none here).
   */
  private record Plan(String sql, List<String> arrays, List<String> dependentArrays) {}

  /** Worked out once per shape: the batch's rows are all a writer binds per statement. */
  private static final Map<Shape, Plan> PLANS = new ConcurrentHashMap<>();

  private ArrayInsert() {}

  /**
   * One statement for {@code statements}, the same INSERT (one text, {@link Held#insert} set) of
   * several jobs, in order; null when a column's type has no array here.
   */
  static Held of(List<Held> statements) {
    RecordInsert.Rows shape = statements.get(0).insert();
    Class<? extends Record> type = shape.rows().get(0).getClass();
    RecordInsert.Dependents dependents = shape.dependents();
    Plan plan =
        PLANS.computeIfAbsent(
            new Shape(
                shape.table(),
                type,
                shape.generated(),
                shape.first(),
                DependentShape.of(dependents)),
            ArrayInsert::plan);
    if (plan.arrays() == null) {
      return null;
    }
    // Each dependent row with the position (from 1) of the row whose number it takes.
    List<Record> dependentRows = new ArrayList<>();
    List<Long> positions = new ArrayList<>();
    List<String> arrays = plan.arrays();
    int count = 0;
    for (Held held : statements) {
      count += held.insert().rows().size();
    }
    List<Record> rows = new ArrayList<>(count);
    List<String> firstArguments = new ArrayList<>(statements.size());
    List<DirectStatements.RowsReader<?>> readers = new ArrayList<>(statements.size());
    for (Held held : statements) {
      rows.addAll(held.insert().rows());
      firstArguments.add(held.insert().firstArgument());
      RecordInsert.Dependents own = held.insert().dependents();
      if ((own == null) != (dependents == null)) {
        return null;
      }
      if (own != null) {
        // One row a statement here (a returning INSERT), so the row's position is the job's.
        for (Record dependent : own.rows()) {
          dependentRows.add(dependent);
          positions.add((long) rows.size());
        }
      }
      if (held.rows() != null) {
        readers.add(held.rows());
      }
    }
    String sql = plan.sql();
    Pipeline.Binder binder =
        (statement, position) -> {
          Connection connection = statement.getConnection();
          int next = position;
          if (shape.first() != null) {
            statement.setArray(
                next++, connection.createArrayOf("text", firstArguments.toArray(String[]::new)));
          }
          List<Object[]> values = new ArrayList<>(rows.size());
          for (Record row : rows) {
            values.add(RecordArguments.values(row, shape.generated()));
          }
          for (int column = 0; column < arrays.size(); column++) {
            statement.setArray(next++, array(connection, arrays.get(column), values, column));
          }
          if (dependents == null) {
            return next;
          }
          statement.setArray(next++, connection.createArrayOf("int8", positions.toArray()));
          List<Object[]> dependentValues = new ArrayList<>(dependentRows.size());
          for (Record row : dependentRows) {
            dependentValues.add(
                RecordArguments.values(row, dependents.generated(), dependents.number()));
          }
          List<String> more = plan.dependentArrays();
          for (int column = 0; column < more.size(); column++) {
            statement.setArray(
                next++, array(connection, more.get(column), dependentValues, column));
          }
          return next;
        };
    DirectStatements.RowsReader<Void> reader =
        readers.isEmpty()
            ? null
            : answer -> {
              // Each reader reads one row, its own, in the jobs' order.
              for (DirectStatements.RowsReader<?> r : readers) {
                r.read(answer);
              }
              return null;
            };
    // The rows it writes (to see what was merged): it joins no other statement.
    return new Held(
        sql,
        binder,
        reader,
        new RecordInsert.Rows(
            shape.table(),
            rows,
            shape.generated(),
            shape.first(),
            null,
            dependents == null
                ? null
                : new RecordInsert.Dependents(
                    dependents.table(),
                    dependents.generated(),
                    dependents.number(),
                    List.copyOf(dependentRows))));
  }

  private static Plan plan(Shape shape) {
    List<String> arrays = arrays(RecordArguments.types(shape.type(), shape.generated()));
    DependentShape dependents = shape.dependents();
    if (dependents == null) {
      return arrays == null
          ? new Plan(null, null, null)
          : new Plan(sql(shape, arrays, null), List.copyOf(arrays), null);
    }
    List<String> dependentArrays =
        arrays(
            RecordArguments.types(dependents.type(), dependents.generated(), dependents.number()));
    if (arrays == null || dependentArrays == null) {
      return new Plan(null, null, null);
    }
    return new Plan(
        sql(shape, arrays, dependentArrays), List.copyOf(arrays), List.copyOf(dependentArrays));
  }

  /** The array types {@code types} are bound as; null when one has none. */
  private static List<String> arrays(List<Class<?>> types) {
    List<String> arrays = new ArrayList<>(types.size());
    for (Class<?> t : types) {
      String array = arrayType(t);
      if (array == null) {
        return null;
      }
      arrays.add(array);
    }
    return arrays;
  }

  private static String sql(Shape shape, List<String> arrays, List<String> dependentArrays) {
    Class<? extends Record> type = shape.type();
    List<String> names = RecordInsert.columns(type, shape.generated());
    StringBuilder unnest = unnest(arrays);
    StringBuilder sql = new StringBuilder();
    if (shape.first() != null) {
      // The first query once per row, all before the first row (the count needs every one).
      sql.append("WITH first AS MATERIALIZED (SELECT count(*) FROM unnest(CAST(? AS text[]))")
          .append(" AS a(argument), LATERAL (")
          .append(shape.first().replace("?", "a.argument"))
          .append(") AS f) ");
    }
    sql.append(RecordInsert.into(shape.table(), names));
    if (shape.first() != null) {
      sql.append(" SELECT u.* FROM first, ").append(unnest).append(" AS u");
    } else {
      sql.append(" SELECT * FROM ").append(unnest);
    }
    if (shape.generated() != null) {
      sql.append(" RETURNING ").append(RecordInsert.column(shape.generated()));
    }
    if (dependentArrays == null) {
      return sql.toString();
    }
    return DependentRows.afterArrays(
        sql.toString(),
        RecordInsert.column(shape.generated()),
        shape.dependents().table(),
        shape.dependents().type(),
        shape.dependents().generated(),
        shape.dependents().number(),
        unnest(prepend("int8", dependentArrays)).toString());
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** {@code unnest(CAST(? AS type[]), …)} of {@code arrays}. */
  private static StringBuilder unnest(List<String> arrays) {
    StringBuilder unnest = new StringBuilder("unnest(");
    for (int i = 0; i < arrays.size(); i++) {
      unnest
          .append(i == 0 ? "" : ", ")
          .append("CAST(? AS ")
          .append(sqlArray(arrays.get(i)))
          .append(")");
    }
    return unnest.append(")");
  }

  /** The array type (pgjdbc's name) a component of {@code type} is bound as; null for none. */
  private static String arrayType(Class<?> type) {
    if (type == String.class) {
      return "text";
    }
    if (type == long.class || type == Long.class || type == Instant.class) {
      return "int8";
    }
    if (type == int.class || type == Integer.class) {
      return "int4";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "bool";
    }
    return null;
  }

  private static String sqlArray(String arrayType) {
    return switch (arrayType) {
      case "int8" -> "bigint[]";
      case "int4" -> "integer[]";
      case "bool" -> "boolean[]";
      default -> "text[]";
    };
  }

  private static java.sql.Array array(
      Connection connection, String arrayType, List<Object[]> rows, int column)
      throws SQLException {
    Object[] values =
        switch (arrayType) {
          case "int8" -> new Long[rows.size()];
          case "int4" -> new Integer[rows.size()];
          case "bool" -> new Boolean[rows.size()];
          default -> new String[rows.size()];
        };
    for (int i = 0; i < values.length; i++) {
      values[i] = rows.get(i)[column];
    }
    return connection.createArrayOf(arrayType, values);
  }
}
