package dev.parley.store.sql;

import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.DeliveryStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

final class SqlDeliveries implements DeliveryStore {
  private static final RowMapper<DeliveryRecord> MAPPER = RecordMapper.of(DeliveryRecord.class);
  private static final RowMapper<AttemptRecord> ATTEMPTS = RecordMapper.of(AttemptRecord.class);
  private static final Keyset<DeliveryRecord> NEWEST_FIRST = Keyset.on("seq", true);
  private static final String SET_OUTCOME =
      "UPDATE webhook_deliveries SET status = :status, attempts = :attempts,"
          + " next_attempt_at = :nextAttemptAt, last_status_code = :lastStatusCode,"
          + " last_error = :lastError, last_latency_ms = :lastLatencyMs,"
          + " attempts_before_replay = :attemptsBeforeReplay, date_updated = :dateUpdated"
          + " WHERE seq = :seq";

  /**
   * A batch's outcomes in one statement (PostgreSQL): each delivery's new state from arrays, under
   * the same lease check per row as {@link #recordLeasedOutcome}, and the attempts of the rows it
   * updated, which it returns.
   */
  private static final String SET_OUTCOMES =
      "WITH o AS (SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]),"
          + " CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]),"
          + " CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS bigint[]))"
          + " AS o(seq, status, attempts, next_attempt_at, last_status_code, last_error,"
          + " last_latency_ms, attempts_before_replay, date_updated)),"
          + " u AS (UPDATE webhook_deliveries d SET status = o.status, attempts = o.attempts,"
          + " next_attempt_at = o.next_attempt_at, last_status_code = o.last_status_code,"
          + " last_error = o.last_error, last_latency_ms = o.last_latency_ms,"
          + " attempts_before_replay = o.attempts_before_replay, date_updated = o.date_updated"
          + " FROM o WHERE d.seq = o.seq AND EXISTS (SELECT 1 FROM webhook_lanes l"
          + " WHERE l.lane = d.lane AND l.leased_by = ?) RETURNING d.seq),"
          + " a AS (INSERT INTO webhook_attempts (delivery_seq, number, status_code, error,"
          + " latency_ms, date_created) SELECT * FROM unnest(CAST(? AS bigint[]),"
          + " CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS bigint[]),"
          + " CAST(? AS bigint[])) AS a(delivery_seq, number, status_code, error, latency_ms,"
          + " date_created) WHERE a.delivery_seq IN (SELECT seq FROM u))"
          + " SELECT seq FROM u";

  private final String claimLock;
  private final boolean outcomesAsArrays;

  /** The embedded store's: its single writer serialises claims, so there is nothing to skip. */
  SqlDeliveries() {
    this("", false);
  }

  /**
   * {@code claimLock} ends the subqueries that pick lanes to lease: on PostgreSQL {@code FOR UPDATE
   * SKIP LOCKED}, so nodes claiming at once split the lanes instead of waiting on each other (a
   * skipped lane is claimed by the other node, or tried again on the next read). {@code
   * outcomesAsArrays}: a batch of outcomes is saved in one statement of arrays ({@link
   * #SET_OUTCOMES}), one round trip instead of two per outcome.
   */
  SqlDeliveries(String claimLock, boolean outcomesAsArrays) {
    this.claimLock = claimLock;
    this.outcomesAsArrays = outcomesAsArrays;
  }

  /**
   * On a PostgreSQL writer whose event INSERT is still held, the row is written by that statement
   * ({@link DirectStatements.HeldNumber#join}), its {@code event_seq} the event's {@code RETURNING
   * seq} within it, so queuing a delivery sends nothing; elsewhere (SQLite, or once the event was
   * sent) it is inserted with the event's number.
   */
  @Override
  public void insert(Tx tx, DeliveryRecord d, LongSupplier eventSeq) {
    if (eventSeq instanceof DirectStatements.HeldNumber held
        && held.join("webhook_deliveries", "seq", "eventSeq", d)) {
      return;
    }
    insert(tx, d.withEventSeq(eventSeq.getAsLong()));
  }

  private static void insert(Tx tx, DeliveryRecord d) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO webhook_deliveries (sid, account_sid, event_seq, conversation_sid, lane,"
                + " kind, target_sid, url, method, status, attempts, next_attempt_at, date_created,"
                + " date_updated) VALUES (:sid, :accountSid, :eventSeq, :conversationSid, :lane,"
                + " :kind, :targetSid, :url, :method, :status, :attempts, :nextAttemptAt,"
                + " :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(d))
        .execute();
  }

  @Override
  public long resumePoint(Tx tx) {
    // MIN over the partial index reads only pending rows; MAX(seq) is one primary-key seek.
    return SqlTx.of(tx)
        .createQuery(
            "SELECT COALESCE((SELECT MIN(seq) - 1 FROM webhook_deliveries"
                + " WHERE status = 'pending'), (SELECT MAX(seq) FROM webhook_deliveries), 0)")
        .mapTo(Long.class)
        .one();
  }

  @Override
  public long lastSeq(Tx tx) {
    return SqlTx.of(tx)
        .createQuery("SELECT COALESCE(MAX(seq), 0) FROM webhook_deliveries")
        .mapTo(Long.class)
        .one();
  }

  @Override
  public List<Long> seqsAfter(Tx tx, long afterSeq, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT seq FROM webhook_deliveries WHERE seq > :after ORDER BY seq LIMIT :limit")
        .bind("after", afterSeq)
        .bind("limit", limit)
        .mapTo(Long.class)
        .list();
  }

  @Override
  public List<DeliveryRecord> pendingAfter(Tx tx, long afterSeq, long upToSeq, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM webhook_deliveries WHERE seq > :after AND seq <= :upTo"
                + " AND status = 'pending' ORDER BY seq LIMIT :limit")
        .bind("after", afterSeq)
        .bind("upTo", upToSeq)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public List<DeliveryRecord> pendingInLane(Tx tx, String lane, long upToSeq, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM webhook_deliveries WHERE lane = :lane AND status = 'pending'"
                + " AND seq <= :upTo ORDER BY seq LIMIT :limit")
        .bind("lane", lane)
        .bind("upTo", upToSeq)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public void recordOutcome(Tx tx, DeliveryRecord d, AttemptRecord attempt) {
    SqlTx.of(tx).createUpdate(SET_OUTCOME).bindNamedArgumentFinder(RecordArguments.of(d)).execute();
    insertAttempt(tx, attempt);
  }

  @Override
  public boolean recordLeasedOutcome(Tx tx, String node, DeliveryRecord d, AttemptRecord attempt) {
    // The lease check rides in the outcome's UPDATE (one primary-key probe): no extra statement.
    int updated =
        SqlTx.of(tx)
            .createUpdate(
                SET_OUTCOME
                    + " AND EXISTS (SELECT 1 FROM webhook_lanes WHERE lane = :lane"
                    + " AND leased_by = :node)")
            .bindNamedArgumentFinder(RecordArguments.of(d))
            .bind("node", node)
            .execute();
    if (updated == 0) {
      return false;
    }
    insertAttempt(tx, attempt);
    return true;
  }

  @Override
  public boolean[] recordLeasedOutcomes(
      Tx tx, String node, List<DeliveryRecord> deliveries, List<AttemptRecord> attempts) {
    if (!outcomesAsArrays
        || deliveries.size() < 2
        || deliveries.stream().map(DeliveryRecord::seq).distinct().count() < deliveries.size()) {
      return DeliveryStore.super.recordLeasedOutcomes(tx, node, deliveries, attempts);
    }
    int n = deliveries.size();
    Long[] seqs = new Long[n];
    String[] statuses = new String[n];
    Long[] attemptCounts = new Long[n];
    Long[] nextAttempts = new Long[n];
    Long[] statusCodes = new Long[n];
    String[] errors = new String[n];
    Long[] latencies = new Long[n];
    Long[] beforeReplay = new Long[n];
    Long[] updated = new Long[n];
    List<AttemptRecord> made = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DeliveryRecord d = deliveries.get(i);
      seqs[i] = d.seq();
      statuses[i] = d.status();
      attemptCounts[i] = (long) d.attempts();
      nextAttempts[i] = d.nextAttemptAt() == null ? null : d.nextAttemptAt().toEpochMilli();
      statusCodes[i] = d.lastStatusCode() == null ? null : d.lastStatusCode().longValue();
      errors[i] = d.lastError();
      latencies[i] = d.lastLatencyMs() == null ? null : d.lastLatencyMs().longValue();
      beforeReplay[i] = (long) d.attemptsBeforeReplay();
      updated[i] = d.dateUpdated().toEpochMilli();
      if (attempts.get(i) != null) {
        made.add(attempts.get(i));
      }
    }
    Long[] attemptSeqs = new Long[made.size()];
    Long[] numbers = new Long[made.size()];
    Long[] codes = new Long[made.size()];
    String[] attemptErrors = new String[made.size()];
    Long[] attemptLatencies = new Long[made.size()];
    Long[] created = new Long[made.size()];
    for (int i = 0; i < made.size(); i++) {
      AttemptRecord a = made.get(i);
      attemptSeqs[i] = a.deliverySeq();
      numbers[i] = (long) a.number();
      codes[i] = a.statusCode() == null ? null : a.statusCode().longValue();
      attemptErrors[i] = a.error();
      attemptLatencies[i] = (long) a.latencyMs();
      created[i] = a.dateCreated().toEpochMilli();
    }
    Set<Long> saved =
        DirectStatements.query(
            SqlTx.of(tx),
            SET_OUTCOMES,
            (statement, first) -> {
              var connection = statement.getConnection();
              int p = first;
              statement.setArray(p++, connection.createArrayOf("bigint", seqs));
              statement.setArray(p++, connection.createArrayOf("text", statuses));
              statement.setArray(p++, connection.createArrayOf("bigint", attemptCounts));
              statement.setArray(p++, connection.createArrayOf("bigint", nextAttempts));
              statement.setArray(p++, connection.createArrayOf("bigint", statusCodes));
              statement.setArray(p++, connection.createArrayOf("text", errors));
              statement.setArray(p++, connection.createArrayOf("bigint", latencies));
              statement.setArray(p++, connection.createArrayOf("bigint", beforeReplay));
              statement.setArray(p++, connection.createArrayOf("bigint", updated));
              statement.setString(p++, node);
              statement.setArray(p++, connection.createArrayOf("bigint", attemptSeqs));
              statement.setArray(p++, connection.createArrayOf("bigint", numbers));
              statement.setArray(p++, connection.createArrayOf("bigint", codes));
              statement.setArray(p++, connection.createArrayOf("text", attemptErrors));
              statement.setArray(p++, connection.createArrayOf("bigint", attemptLatencies));
              statement.setArray(p++, connection.createArrayOf("bigint", created));
              return p;
            },
            rows -> {
              Set<Long> found = new HashSet<>();
              while (rows.next()) {
                found.add(rows.getLong(1));
              }
              return found;
            });
    boolean[] kept = new boolean[n];
    for (int i = 0; i < n; i++) {
      kept[i] = saved.contains(seqs[i]);
    }
    return kept;
  }

  private static void insertAttempt(Tx tx, AttemptRecord attempt) {
    if (attempt != null) {
      SqlTx.of(tx)
          .createUpdate(
              "INSERT INTO webhook_attempts (delivery_seq, number, status_code, error,"
                  + " latency_ms, date_created) VALUES (:deliverySeq, :number, :statusCode,"
                  + " :error, :latencyMs, :dateCreated)")
          .bindNamedArgumentFinder(RecordArguments.of(attempt))
          .execute();
    }
  }

  @Override
  public Set<String> claimLanes(
      Tx tx, String node, Collection<String> lanes, Instant now, Instant until) {
    if (lanes.isEmpty()) {
      return Set.of();
    }
    Handle handle = SqlTx.of(tx);
    // A lane never leased gets its row here; one another node is inserting waits for it, then is
    // left alone. Then every listed lane that is free to take (expired, or already ours) is taken.
    PreparedBatch insert =
        handle.prepareBatch(
            "INSERT INTO webhook_lanes (lane, leased_by, lease_until) VALUES (:lane, :node, :until)"
                + " ON CONFLICT (lane) DO NOTHING");
    // In one order on every node: two claims inserting the same new lanes wait for each other in
    // turn, never in a circle (a deadlock PostgreSQL would break by failing one).
    for (String lane : lanes.stream().sorted().toList()) {
      insert.bind("lane", lane).bind("node", node).bind("until", until).add();
    }
    insert.execute();
    return new HashSet<>(
        handle
            .createQuery(
                "UPDATE webhook_lanes SET leased_by = :node, lease_until = :until"
                    + " WHERE lane IN (SELECT lane FROM webhook_lanes WHERE lane IN (<lanes>)"
                    + " AND (leased_by = :node OR lease_until <= :now)"
                    + claimLock
                    + ") RETURNING lane")
            .bindList("lanes", List.copyOf(lanes))
            .bind("node", node)
            .bind("now", now)
            .bind("until", until)
            .mapTo(String.class)
            .list());
  }

  @Override
  public List<String> claimExpiredLanes(Tx tx, String node, Instant now, Instant until, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "UPDATE webhook_lanes SET leased_by = :node, lease_until = :until"
                + " WHERE lane IN (SELECT lane FROM webhook_lanes WHERE lease_until <= :now"
                + " ORDER BY lease_until LIMIT :limit"
                + claimLock
                + ") RETURNING lane")
        .bind("node", node)
        .bind("now", now)
        .bind("until", until)
        .bind("limit", limit)
        .mapTo(String.class)
        .list();
  }

  @Override
  public Set<String> renewLeases(Tx tx, String node, Instant until) {
    return new HashSet<>(
        SqlTx.of(tx)
            .createQuery(
                "UPDATE webhook_lanes SET lease_until = :until WHERE leased_by = :node"
                    + " RETURNING lane")
            .bind("node", node)
            .bind("until", until)
            .mapTo(String.class)
            .list());
  }

  @Override
  public void expireLeases(Tx tx, String node, Instant now) {
    SqlTx.of(tx)
        .createUpdate("UPDATE webhook_lanes SET lease_until = :now WHERE leased_by = :node")
        .bind("node", node)
        .bind("now", now)
        .execute();
  }

  @Override
  public void releaseLanes(Tx tx, String node, Collection<String> lanes) {
    if (!lanes.isEmpty()) {
      SqlTx.of(tx)
          .createUpdate("DELETE FROM webhook_lanes WHERE leased_by = :node AND lane IN (<lanes>)")
          .bind("node", node)
          .bindList("lanes", List.copyOf(lanes))
          .execute();
    }
  }

  @Override
  public Optional<DeliveryRecord> find(Tx tx, String accountSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM webhook_deliveries WHERE sid = :sid AND account_sid = :account")
        .bind("sid", sid)
        .bind("account", accountSid)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Slice<DeliveryRecord> page(
      Tx tx, String accountSid, String status, String conversationSid, PageRequest page) {
    StringBuilder select =
        new StringBuilder("SELECT * FROM webhook_deliveries WHERE account_sid = :account");
    if (conversationSid != null) {
      // webhook_deliveries_conversation: the conversation's deliveries, newest first (V25).
      select.append(" AND conversation_sid = :conversation");
    }
    if (status != null) {
      select.append(" AND status = :status");
    }
    return NEWEST_FIRST.page(
        SqlTx.of(tx),
        select.toString(),
        q -> {
          q.bind("account", accountSid);
          if (status != null) {
            q.bind("status", status);
          }
          if (conversationSid != null) {
            q.bind("conversation", conversationSid);
          }
        },
        MAPPER,
        page);
  }

  @Override
  public List<AttemptRecord> attempts(Tx tx, long deliverySeq) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM webhook_attempts WHERE delivery_seq = :seq ORDER BY number")
        .bind("seq", deliverySeq)
        .map(ATTEMPTS)
        .list();
  }
}
