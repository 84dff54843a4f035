package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.DeliveryRecord;
import dev.parley.store.EventRecord;
import dev.parley.store.UserRecord;
import dev.parley.store.sql.Pipeline.Held;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a PostgreSQL batch's waiting jobs' statements are made into one text ({@link BatchedJobs}).
 */
class BatchedJobsStatementsTest {
  private static final Held EVENT = new Held("INSERT INTO events … RETURNING seq");

  @Test
  void the_same_insert_of_jobs_holding_the_same_statements_is_one_insert_of_their_rows() {
    List<BatchedJobs.Job> jobs =
        List.of(
            job("t1", user("a"), user("b")),
            job("t2", user("c"), user("e")),
            job("t3", user("d"), user("f")));

    List<Held> statements = BatchedJobs.statements(jobs);

    // Position by position: the users of each job's first INSERT (one statement, of arrays), each
    // job's event (a statement that is no record's INSERT), then the users of its second.
    assertThat(statements)
        .extracting(h -> h.insert() == null ? "event" : rows(h))
        .containsExactly("a c d", "event", "event", "event", "b e f");
  }

  @Test
  void the_merged_insert_takes_one_array_per_column_whatever_the_number_of_rows() {
    List<BatchedJobs.Job> two =
        List.of(job("t1", user("a"), user("b")), job("t2", user("c"), user("d")));
    List<BatchedJobs.Job> three =
        List.of(
            job("t1", user("a"), user("b")),
            job("t2", user("c"), user("d")),
            job("t3", user("e"), user("f")));

    String twoRows = BatchedJobs.statements(two).get(0).sql();
    String threeRows = BatchedJobs.statements(three).get(0).sql();

    assertThat(twoRows)
        .isEqualTo(threeRows)
        .startsWith("INSERT INTO users (sid, account_sid, service_sid, identity,")
        .contains(" SELECT * FROM unnest(CAST(? AS text[]), ")
        .contains("CAST(? AS bigint[]))");
  }

  @Test
  void jobs_holding_different_statements_go_one_after_the_other() {
    List<BatchedJobs.Job> jobs =
        List.of(job("t1", user("a"), user("b")), job("t2", user("c"), null));

    List<Held> statements = BatchedJobs.statements(jobs);

    assertThat(statements)
        .extracting(h -> h.insert() == null ? "event" : rows(h))
        .containsExactly("a", "event", "b", "c", "event");
  }

  @Test
  void jobs_appending_to_the_same_turn_go_one_after_the_other() {
    List<BatchedJobs.Job> jobs =
        List.of(job("t1", user("a"), user("b")), job("t1", user("c"), user("d")));

    List<Held> statements = BatchedJobs.statements(jobs);

    assertThat(statements)
        .extracting(h -> h.insert() == null ? "event" : rows(h))
        .containsExactly("a", "event", "b", "c", "event", "d");
  }

  @Test
  void jobs_sharing_a_turn_go_in_rounds_each_merged_with_the_jobs_of_other_turns() {
    // Three posts to t1 and two to t2, interleaved: t1's go in three rounds, t2's in two.
    List<BatchedJobs.Job> jobs =
        List.of(
            job("t1", user("a"), user("b")),
            job("t1", user("c"), user("d")),
            job("t2", user("e"), user("f")),
            job("t1", user("g"), user("h")),
            job("t2", user("i"), user("j")));

    List<Held> statements = BatchedJobs.statements(jobs);

    assertThat(statements)
        .extracting(h -> h.insert() == null ? "event" : rows(h))
        .containsExactly(
            "a e", "event", "event", "b f", "c i", "event", "event", "d j", "g", "event", "h");
  }

  @Test
  void the_events_of_jobs_queuing_deliveries_are_one_insert_that_writes_every_delivery() {
    List<BatchedJobs.Job> jobs =
        List.of(
            new BatchedJobs.Job(List.of(eventWithDelivery("t1", "WDa")), Set.of("t1")),
            new BatchedJobs.Job(List.of(eventWithDelivery("t2", "WDb")), Set.of("t2")));

    List<Held> statements = BatchedJobs.statements(jobs);

    // One statement: the events from arrays, each delivery joined to its event's returned seq.
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0).sql())
        .contains("numbered AS (INSERT INTO events ")
        .contains("dependents AS (INSERT INTO webhook_deliveries ")
        .contains("JOIN numbers ON numbers.job = d.job")
        .endsWith(" SELECT seq FROM numbered");
    assertThat(statements.get(0).insert().dependents().rows())
        .extracting(row -> ((DeliveryRecord) row).sid())
        .containsExactly("WDa", "WDb");
  }

  /** An event of {@code turn} held with one delivery, {@code sid}, as a post that plans one. */
  private static Held eventWithDelivery(String turn, String sid) {
    Instant now = Instant.now();
    EventRecord event =
        new EventRecord(0, "AC", "IS", "CH" + turn, "onMessageAdded", "API", null, "{}", now);
    DeliveryRecord delivery =
        new DeliveryRecord(
            0,
            sid,
            "AC",
            0,
            "CH" + turn,
            "lane",
            "webhook",
            null,
            "http://h/",
            "POST",
            "pending",
            0,
            now,
            null,
            null,
            null,
            now,
            now,
            0);
    RecordInsert.Rows rows =
        new RecordInsert.Rows("events", List.of(event), "seq", "SELECT 1", turn)
            .joining("webhook_deliveries", "seq", "eventSeq", delivery);
    return new Held(
        RecordInsert.returningSql(rows), RecordInsert.returningBinder(rows), null, rows);
  }

  /**
   * A job holding an INSERT of {@code first}, an event of {@code turn}, an INSERT of {@code then}.
   */
  private static BatchedJobs.Job job(String turn, UserRecord first, UserRecord then) {
    List<Held> statements =
        then == null ? List.of(insert(first), EVENT) : List.of(insert(first), EVENT, insert(then));
    return new BatchedJobs.Job(statements, Set.of(turn));
  }

  private static Held insert(UserRecord user) {
    return new Held(
        "INSERT INTO users …",
        Pipeline.Binder.NONE,
        null,
        new RecordInsert.Rows("users", List.of(user)));
  }

  private static String rows(Held insert) {
    return String.join(
        " ", insert.insert().rows().stream().map(row -> ((UserRecord) row).identity()).toList());
  }

  private static UserRecord user(String identity) {
    Instant now = Instant.now();
    return new UserRecord("US" + identity, "AC", "IS", identity, null, "{}", null, now, now);
  }
}
