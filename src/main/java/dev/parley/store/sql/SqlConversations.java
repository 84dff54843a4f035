package dev.parley.store.sql;

import dev.parley.store.ConversationFilter;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlConversations implements ConversationStore {
  private final String dueLock;

  SqlConversations() {
    this("");
  }

  /**
   * {@code dueLock} ends the query that claims due timers: on PostgreSQL {@code FOR UPDATE SKIP
   * LOCKED}, so two nodes sweeping at once take different conversations and each timer fires once.
   */
  SqlConversations(String dueLock) {
    this.dueLock = dueLock;
  }

  private static final RecordMapper<ConversationRecord> MAPPER =
      RecordMapper.of(ConversationRecord.class);
  private static final Keyset<ConversationRecord> IN_ORDER = Keyset.on("seq", false);
  private static final Keyset<ConversationRecord> NEWEST_FIRST =
      new Keyset<>("date_created", "seq", true);
  // The author's participant in a subquery: UNIQUE(conversation_sid, identity) makes it one seek.
  private static final String TAKE_MESSAGE_INDEX =
      "UPDATE conversations SET last_message_index = last_message_index + 1"
          + " WHERE sid = ? AND service_sid = ? AND account_sid = ? AND state <> 'closed'"
          + " RETURNING *, (SELECT p.sid FROM participants p"
          + " WHERE p.conversation_sid = conversations.sid AND p.identity = ?)"
          + " AS author_participant_sid";

  @Override
  public void insert(Tx tx, ConversationRecord c) {
    RecordInsert.insert(SqlTx.of(tx), "conversations", List.of(c));
  }

  @Override
  public Optional<ConversationRecord> find(Tx tx, String serviceSid, String sidOrUniqueName) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM conversations WHERE service_sid = :service"
                + " AND (sid = :key OR unique_name = :key)"
                + " ORDER BY CASE WHEN sid = :key THEN 0 ELSE 1 END LIMIT 1")
        .bind("service", serviceSid)
        .bind("key", sidOrUniqueName)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public boolean uniqueNameTaken(Tx tx, String serviceSid, String uniqueName) {
    return SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM conversations WHERE service_sid = :service"
                    + " AND unique_name = :uniqueName")
            .bind("service", serviceSid)
            .bind("uniqueName", uniqueName)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  @Override
  public Slice<ConversationRecord> page(
      Tx tx, String serviceSid, ConversationFilter filter, PageRequest page) {
    StringBuilder select =
        new StringBuilder("SELECT * FROM conversations WHERE service_sid = :service");
    if (filter.start() != null) {
      select.append(" AND date_created >= :start");
    }
    if (filter.end() != null) {
      select.append(" AND date_created <= :end");
    }
    if (filter.state() != null) {
      select.append(" AND state = :state");
    }
    Keyset<ConversationRecord> order = filter.byDate() ? NEWEST_FIRST : IN_ORDER;
    return order.page(
        SqlTx.of(tx),
        select.toString(),
        q -> {
          q.bind("service", serviceSid);
          if (filter.start() != null) {
            q.bind("start", filter.start());
          }
          if (filter.end() != null) {
            q.bind("end", filter.end());
          }
          if (filter.state() != null) {
            q.bind("state", filter.state());
          }
        },
        MAPPER,
        page);
  }

  @Override
  public void update(Tx tx, ConversationRecord c) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE conversations SET messaging_service_sid = :messagingServiceSid,"
                + " friendly_name = :friendlyName, unique_name = :uniqueName,"
                + " attributes = :attributes, state = :state, timer_inactive = :timerInactive,"
                + " timer_closed = :timerClosed, date_inactive = :dateInactive,"
                + " date_closed = :dateClosed, bindings = :bindings,"
                + " date_created = :dateCreated, date_updated = :dateUpdated WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(c))
        .execute();
  }

  @Override
  public Optional<IndexTaken> takeMessageIndex(
      Tx tx, String accountSid, String serviceSid, String sid, String author) {
    MessageIndexes reserved = MessageIndexes.of(SqlTx.of(tx));
    if (reserved != null) {
      IndexTaken taken = reserved.take(accountSid, serviceSid, sid, author);
      if (taken != null) {
        return Optional.of(taken);
      }
    }
    // One statement increments and reads, so concurrent writers never share an index.
    Optional<IndexTaken> taken =
        DirectStatements.first(
            SqlTx.of(tx),
            TAKE_MESSAGE_INDEX,
            row ->
                new IndexTaken(
                    MAPPER.map(row, TAKE_MESSAGE_INDEX),
                    // RETURNING's last column, after the conversation's own.
                    row.getString(row.getMetaData().getColumnCount())),
            sid,
            serviceSid,
            accountSid,
            author);
    if (reserved != null) {
      taken.ifPresent(reserved::tookByStatement);
    }
    return taken;
  }

  @Override
  public void delete(Tx tx, String sid) {
    SqlTx.of(tx)
        .createUpdate("DELETE FROM conversations WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }

  @Override
  public List<ConversationRecord> dueTimers(Tx tx, Instant now, int limit) {
    return due(tx, now, limit, "");
  }

  @Override
  public List<ConversationRecord> claimDueTimers(Tx tx, Instant now, int limit) {
    return due(tx, now, limit, dueLock);
  }

  private List<ConversationRecord> due(Tx tx, Instant now, int limit, String lock) {
    // Two index range scans rather than one OR, which neither engine serves from an index. The
    // outer query says "due" again: a row another node's sweep changed after this statement's
    // snapshot is re-checked, once its lock is free, against the outer conditions only, and would
    // otherwise be claimed (and its timer fired) a second time.
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM conversations WHERE sid IN ("
                + " SELECT sid FROM conversations WHERE date_inactive <= :now AND state = 'active'"
                + " UNION SELECT sid FROM conversations WHERE date_closed <= :now"
                + " AND state <> 'closed')"
                + " AND ((date_inactive <= :now AND state = 'active')"
                + " OR (date_closed <= :now AND state <> 'closed'))"
                + " ORDER BY seq LIMIT :limit"
                + lock)
        .bind("now", now)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  @Override
  public Optional<ConversationRecord> claimDueTimer(Tx tx, String sid, Instant now) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM conversations WHERE sid = :sid"
                + " AND ((date_inactive <= :now AND state = 'active')"
                + " OR (date_closed <= :now AND state <> 'closed'))"
                + dueLock)
        .bind("sid", sid)
        .bind("now", now)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public void deferDueTimers(Tx tx, String sid, Instant now, Instant until) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE conversations SET"
                + " date_inactive = CASE WHEN date_inactive <= :now THEN :until"
                + " ELSE date_inactive END,"
                + " date_closed = CASE WHEN date_closed <= :now THEN :until ELSE date_closed END"
                + " WHERE sid = :sid")
        .bind("sid", sid)
        .bind("now", now)
        .bind("until", until)
        .execute();
  }

  @Override
  public void rearmInactive(Tx tx, String sid, Instant at) {
    SqlTx.of(tx)
        .createUpdate("UPDATE conversations SET date_inactive = :at WHERE sid = :sid")
        .bind("at", at)
        .bind("sid", sid)
        .execute();
  }
}
