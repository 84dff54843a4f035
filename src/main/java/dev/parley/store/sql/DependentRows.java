package dev.parley.store.sql;

import dev.parley.store.sql.RecordInsert.Dependents;
import java.util.List;

/**
 * The statements that write a returning INSERT's rows and their dependents ({@link Dependents}: a
 * webhook delivery, whose {@code event_seq} is its event's {@code RETURNING seq}) in one: the
 * INSERT becomes a data-modifying {@code WITH} query, {@code numbered}, that the dependents'
 * INSERTs select its number from, and the statement still answers the INSERT's numbers, so a job's
 * reader reads what it read before. The dependents' foreign key to the row is checked at the
 * statement's end, when the row is there; a row or dependent that fails fails the statement, and so
 * its job (or, merged, its batch's text, which then goes job by job).
 */
final class DependentRows {
  private DependentRows() {}

  /** The name of the {@code WITH} query that inserts the numbered rows. */
  private static final String NUMBERED = "numbered";

  /**
   * {@code insert}, of one row returning its {@code generated} column, after the query {@code
   * first} (or null), with {@code dependents}: one query a dependent row, each bound in order after
   * the row. The order between them is not kept: an event's deliveries are of different lanes,
   * whose order between them nothing reads.
   */
  static String afterOne(String first, String insert, String generated, Dependents dependents) {
    StringBuilder sql = new StringBuilder("WITH ");
    if (first != null) {
      sql.append("first AS (").append(first).append("), ");
    }
    sql.append(NUMBERED).append(" AS (").append(insert).append(")");
    Class<? extends Record> type = dependents.rows().get(0).getClass();
    String values =
        values(type, dependents.generated(), dependents.number(), NUMBERED + "." + generated, "?");
    String into =
        RecordInsert.into(dependents.table(), RecordInsert.columns(type, dependents.generated()))
            .toString();
    for (int i = 0; i < dependents.rows().size(); i++) {
      sql.append(", dependent")
          .append(i)
          .append(" AS (")
          .append(into)
          .append(" SELECT ")
          .append(values)
          .append(" FROM ")
          .append(NUMBERED)
          .append(")");
    }
    return sql.append(" SELECT ").append(generated).append(" FROM ").append(NUMBERED).toString();
  }

  /**
   * {@code insert}, the INSERT of a batch's rows from arrays returning their {@code generated}
   * column ({@link ArrayInsert}; a {@code WITH first} query ahead of it kept first, as {@link
   * Pipeline#folded} expects), with the dependents of all the rows from arrays ({@code unnest}: the
   * row's position in the batch from 1, then the dependents' columns but {@code number}). Each
   * dependent takes the number of the row at its position: the INSERT's numbers counted in the
   * order it returns them, which is the arrays' order (docs/architecture.md states that invariant,
   * the one each job's reader of its number counts on too), and the dependents are inserted in
   * their arrays' order.
   */
  static String afterArrays(
      String insert,
      String generated,
      String table,
      Class<? extends Record> type,
      String dependentGenerated,
      String number,
      String unnest) {
    String head = "WITH ";
    String text = insert;
    if (text.startsWith("WITH ")) {
      int at = text.indexOf(") INSERT INTO ") + 2;
      head = text.substring(0, at - 1) + ", ";
      text = text.substring(at);
    }
    List<String> columns = RecordInsert.columns(type, dependentGenerated);
    List<String> bound =
        columns.stream().filter(n -> !n.equals(number)).map(RecordInsert::column).toList();
    return head
        + NUMBERED
        + " AS ("
        + text
        + "), numbers AS (SELECT "
        + generated
        + " AS n, row_number() OVER () AS job FROM "
        + NUMBERED
        + "), dependents AS ("
        + RecordInsert.into(table, columns)
        + " SELECT "
        + values(type, dependentGenerated, number, "numbers.n", "d.%s")
        + " FROM "
        + unnest
        + " WITH ORDINALITY AS d(job, "
        + String.join(", ", bound)
        + ", place) JOIN numbers ON numbers.job = d.job ORDER BY d.place) SELECT "
        + generated
        + " FROM "
        + NUMBERED;
  }

  /**
   * A dependent row's values, in its columns' order: {@code numberValue} for its component {@code
   * number}, {@code parameter} for the others, each {@code %s} in it the column's name.
   */
  private static String values(
      Class<? extends Record> type,
      String generated,
      String number,
      String numberValue,
      String parameter) {
    StringBuilder values = new StringBuilder();
    for (String name : RecordInsert.columns(type, generated)) {
      values.append(values.isEmpty() ? "" : ", ");
      if (name.equals(number)) {
        values.append(numberValue);
      } else {
        values.append(parameter.replace("%s", RecordInsert.column(name)));
      }
    }
    return values.toString();
  }
}
