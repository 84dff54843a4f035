package dev.parley.store.sql;

import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.DeliveryStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlDeliveries implements DeliveryStore {
  private static final RowMapper<DeliveryRecord> MAPPER = RecordMapper.of(DeliveryRecord.class);
  private static final RowMapper<AttemptRecord> ATTEMPTS = RecordMapper.of(AttemptRecord.class);
  private static final Keyset<DeliveryRecord> NEWEST_FIRST = Keyset.on("seq", true);

  @Override
  public void insert(Tx tx, DeliveryRecord d) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO webhook_deliveries (sid, account_sid, event_seq, lane, kind, target_sid,"
                + " url, method, status, attempts, next_attempt_at, date_created, date_updated)"
                + " VALUES (:sid, :accountSid, :eventSeq, :lane, :kind, :targetSid, :url,"
                + " :method, :status, :attempts, :nextAttemptAt, :dateCreated, :dateUpdated)")
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
  public List<DeliveryRecord> pendingAfter(Tx tx, long afterSeq, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM webhook_deliveries WHERE seq > :after AND status = 'pending'"
                + " ORDER BY seq LIMIT :limit")
        .bind("after", afterSeq)
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
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE webhook_deliveries SET status = :status, attempts = :attempts,"
                + " next_attempt_at = :nextAttemptAt, last_status_code = :lastStatusCode,"
                + " last_error = :lastError, last_latency_ms = :lastLatencyMs,"
                + " attempts_before_replay = :attemptsBeforeReplay, date_updated = :dateUpdated"
                + " WHERE seq = :seq")
        .bindNamedArgumentFinder(RecordArguments.of(d))
        .execute();
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
    if (status != null) {
      select.append(" AND status = :status");
    }
    if (conversationSid != null) {
      select.append(
          " AND event_seq IN (SELECT seq FROM events WHERE conversation_sid = :conversation)");
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
