package dev.parley.store.sql;

import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.StudioRevisionRecord;
import dev.parley.store.StudioStepRecord;
import dev.parley.store.StudioStore;
import dev.parley.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqlStudio implements StudioStore {
  private static final RowMapper<StudioFlowRecord> FLOW = RecordMapper.of(StudioFlowRecord.class);
  private static final RowMapper<StudioRevisionRecord> REVISION =
      RecordMapper.of(StudioRevisionRecord.class);
  private static final RowMapper<StudioExecutionRecord> EXECUTION =
      RecordMapper.of(StudioExecutionRecord.class);
  private static final RowMapper<StudioStepRecord> STEP = RecordMapper.of(StudioStepRecord.class);
  private static final Keyset<StudioFlowRecord> FLOWS = Keyset.on("seq", false);
  private static final Keyset<StudioRevisionRecord> REVISIONS = Keyset.on("revision", true);
  private static final Keyset<StudioExecutionRecord> EXECUTIONS = Keyset.on("seq", true);
  private static final Keyset<StudioStepRecord> STEPS = Keyset.on("seq", false);

  /**
   * Flows by account and SID, kept across transactions as services are ({@link ReadOnce}): the
   * delivery planner asks whether Parley holds a conversation's Studio flow for every message it
   * plans, and a read on a PostgreSQL writer sends what the post held (its event's INSERT with it),
   * so its webhook deliveries could no longer join that statement and its batch not merge.
   */
  private final ReadOnce<StudioFlowRecord> flows = new ReadOnce<>("studio_flows");

  @Override
  public void insertFlow(Tx tx, StudioFlowRecord flow) {
    flows.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO studio_flows (sid, account_sid, friendly_name, status, revision,"
                + " published, date_created, date_updated) VALUES (:sid, :accountSid,"
                + " :friendlyName, :status, :revision, :published, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(flow))
        .execute();
  }

  @Override
  public Optional<StudioFlowRecord> findFlow(Tx tx, String accountSid, String sid) {
    return flows.get(
        tx,
        accountSid + "/" + sid,
        () ->
            SqlTx.of(tx)
                .createQuery(
                    "SELECT * FROM studio_flows WHERE sid = :sid AND account_sid = :accountSid")
                .bind("sid", sid)
                .bind("accountSid", accountSid)
                .map(FLOW)
                .findOne());
  }

  @Override
  public Slice<StudioFlowRecord> flows(Tx tx, String accountSid, PageRequest page) {
    return FLOWS.page(
        SqlTx.of(tx),
        "SELECT * FROM studio_flows WHERE account_sid = :accountSid",
        q -> q.bind("accountSid", accountSid),
        FLOW,
        page);
  }

  @Override
  public void updateFlow(Tx tx, StudioFlowRecord flow) {
    flows.forget(tx);
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE studio_flows SET friendly_name = :friendlyName, status = :status,"
                + " revision = :revision, published = :published, date_updated = :dateUpdated"
                + " WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(flow))
        .execute();
  }

  @Override
  public String testUsers(Tx tx, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT test_users FROM studio_flows WHERE sid = :sid")
        .bind("sid", sid)
        .mapTo(String.class)
        .one();
  }

  @Override
  public void setTestUsers(Tx tx, String sid, String testUsers) {
    flows.forget(tx);
    SqlTx.of(tx)
        .createUpdate("UPDATE studio_flows SET test_users = :testUsers WHERE sid = :sid")
        .bind("sid", sid)
        .bind("testUsers", testUsers)
        .execute();
  }

  @Override
  public void deleteFlow(Tx tx, String sid) {
    // Spelled out rather than left to ON DELETE CASCADE: SQLite enforces foreign keys only when
    // asked to per connection.
    flows.forget(tx);
    var handle = SqlTx.of(tx);
    handle
        .createUpdate(
            "DELETE FROM studio_steps WHERE execution_sid IN"
                + " (SELECT sid FROM studio_executions WHERE flow_sid = :sid)")
        .bind("sid", sid)
        .execute();
    for (String table : List.of("studio_executions", "studio_revisions")) {
      handle
          .createUpdate("DELETE FROM " + table + " WHERE flow_sid = :sid")
          .bind("sid", sid)
          .execute();
    }
    handle.createUpdate("DELETE FROM studio_flows WHERE sid = :sid").bind("sid", sid).execute();
  }

  @Override
  public void insertRevision(Tx tx, StudioRevisionRecord revision) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO studio_revisions (flow_sid, revision, friendly_name, status, definition,"
                + " commit_message, valid, errors, warnings, hands_over, date_created,"
                + " date_updated) VALUES (:flowSid, :revision, :friendlyName, :status,"
                + " :definition, :commitMessage, :valid, :errors, :warnings, :handsOver,"
                + " :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(revision))
        .execute();
  }

  @Override
  public Optional<StudioRevisionRecord> findRevision(Tx tx, String flowSid, int revision) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM studio_revisions WHERE flow_sid = :flowSid AND revision = :revision")
        .bind("flowSid", flowSid)
        .bind("revision", revision)
        .map(REVISION)
        .findOne();
  }

  @Override
  public Slice<StudioRevisionRecord> revisions(Tx tx, String flowSid, PageRequest page) {
    return REVISIONS.page(
        SqlTx.of(tx),
        "SELECT * FROM studio_revisions WHERE flow_sid = :flowSid",
        q -> q.bind("flowSid", flowSid),
        REVISION,
        page);
  }

  @Override
  public void insertExecution(Tx tx, StudioExecutionRecord execution) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO studio_executions (sid, account_sid, flow_sid, revision,"
                + " contact_channel_address, service_sid, conversation_sid, status, context, waiting,"
                + " wait_until, date_created, date_updated) VALUES (:sid, :accountSid, :flowSid,"
                + " :revision, :contactChannelAddress, :serviceSid, :conversationSid, :status,"
                + " :context,"
                + " :waiting, :waitUntil, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(execution))
        .execute();
  }

  @Override
  public Optional<StudioExecutionRecord> findExecution(Tx tx, String flowSid, String sid) {
    return SqlTx.of(tx)
        .createQuery("SELECT * FROM studio_executions WHERE sid = :sid AND flow_sid = :flowSid")
        .bind("sid", sid)
        .bind("flowSid", flowSid)
        .map(EXECUTION)
        .findOne();
  }

  @Override
  public Optional<StudioExecutionRecord> activeInConversation(
      Tx tx, String conversationSid, String flowSid) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM studio_executions WHERE conversation_sid = :conversationSid"
                + " AND flow_sid = :flowSid AND status = 'active'")
        .bind("conversationSid", conversationSid)
        .bind("flowSid", flowSid)
        .map(EXECUTION)
        .findOne();
  }

  @Override
  public boolean activeForContact(Tx tx, String flowSid, String address) {
    return SqlTx.of(tx)
            .createQuery(
                "SELECT COUNT(*) FROM studio_executions WHERE flow_sid = :flowSid"
                    + " AND contact_channel_address = :address AND status = 'active'")
            .bind("flowSid", flowSid)
            .bind("address", address)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  @Override
  public boolean claimWait(Tx tx, String sid, String waiting, Instant waitUntil) {
    // A wait on a subflow's execution has no deadline of its own (its child's waits have).
    var update =
        SqlTx.of(tx)
            .createUpdate(
                "UPDATE studio_executions SET waiting = NULL, wait_until = NULL"
                    + " WHERE sid = :sid AND waiting = :waiting"
                    + (waitUntil == null
                        ? " AND wait_until IS NULL"
                        : " AND wait_until = :waitUntil")
                    + " AND status = 'active'")
            .bind("sid", sid)
            .bind("waiting", waiting);
    if (waitUntil != null) {
      update.bind("waitUntil", waitUntil.toEpochMilli());
    }
    return update.execute() == 1;
  }

  @Override
  public Slice<StudioExecutionRecord> executions(
      Tx tx, String flowSid, Instant from, Instant to, PageRequest page) {
    String select =
        "SELECT * FROM studio_executions WHERE flow_sid = :flowSid"
            + (from == null ? "" : " AND date_created >= :from")
            + (to == null ? "" : " AND date_created < :to");
    return EXECUTIONS.page(
        SqlTx.of(tx),
        select,
        q -> {
          q.bind("flowSid", flowSid);
          if (from != null) {
            q.bind("from", from.toEpochMilli());
          }
          if (to != null) {
            q.bind("to", to.toEpochMilli());
          }
        },
        EXECUTION,
        page);
  }

  @Override
  public List<StudioExecutionRecord> inConversation(
      Tx tx, String accountSid, String conversationSid, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM studio_executions WHERE conversation_sid = :conversationSid"
                + " AND account_sid = :accountSid ORDER BY seq DESC LIMIT :limit")
        .bind("conversationSid", conversationSid)
        .bind("accountSid", accountSid)
        .bind("limit", limit)
        .map(EXECUTION)
        .list();
  }

  @Override
  public void updateExecution(Tx tx, StudioExecutionRecord execution) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE studio_executions SET status = :status, context = :context,"
                + " waiting = :waiting, wait_until = :waitUntil, date_updated = :dateUpdated"
                + " WHERE sid = :sid")
        .bindNamedArgumentFinder(RecordArguments.of(execution))
        .execute();
  }

  @Override
  public void deleteExecution(Tx tx, String sid) {
    var handle = SqlTx.of(tx);
    handle
        .createUpdate("DELETE FROM studio_steps WHERE execution_sid = :sid")
        .bind("sid", sid)
        .execute();
    handle
        .createUpdate("DELETE FROM studio_executions WHERE sid = :sid")
        .bind("sid", sid)
        .execute();
  }

  @Override
  public List<StudioExecutionRecord> timedOut(Tx tx, Instant now, int limit) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM studio_executions WHERE wait_until IS NOT NULL"
                + " AND wait_until <= :now AND status = 'active' ORDER BY wait_until LIMIT :limit")
        .bind("now", now.toEpochMilli())
        .bind("limit", limit)
        .map(EXECUTION)
        .list();
  }

  @Override
  public void insertStep(Tx tx, StudioStepRecord step) {
    SqlTx.of(tx)
        .createUpdate(
            "INSERT INTO studio_steps (sid, execution_sid, parent_step_sid, name, context,"
                + " transitioned_from, transitioned_to, date_created, date_updated) VALUES (:sid,"
                + " :executionSid, :parentStepSid, :name, :context, :transitionedFrom,"
                + " :transitionedTo, :dateCreated, :dateUpdated)")
        .bindNamedArgumentFinder(RecordArguments.of(step))
        .execute();
  }

  @Override
  public Optional<StudioStepRecord> findStep(Tx tx, String executionSid, String sid) {
    return SqlTx.of(tx)
        .createQuery(
            "SELECT * FROM studio_steps WHERE sid = :sid AND execution_sid = :executionSid")
        .bind("sid", sid)
        .bind("executionSid", executionSid)
        .map(STEP)
        .findOne();
  }

  @Override
  public Slice<StudioStepRecord> steps(Tx tx, String executionSid, PageRequest page) {
    return STEPS.page(
        SqlTx.of(tx),
        "SELECT * FROM studio_steps WHERE execution_sid = :executionSid",
        q -> q.bind("executionSid", executionSid),
        STEP,
        page);
  }

  @Override
  public boolean claimDefaultFlow(Tx tx, String accountSid, Instant now) {
    return SqlTx.of(tx)
            .createUpdate(
                "INSERT INTO studio_default_flows (account_sid, date_created)"
                    + " VALUES (:accountSid, :now) ON CONFLICT (account_sid) DO NOTHING")
            .bind("accountSid", accountSid)
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  @Override
  public boolean defaultFlowClaimed(Tx tx, String accountSid) {
    return SqlTx.of(tx)
        .createQuery("SELECT 1 FROM studio_default_flows WHERE account_sid = :accountSid")
        .bind("accountSid", accountSid)
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  @Override
  public void setDefaultFlow(Tx tx, String accountSid, String flowSid) {
    SqlTx.of(tx)
        .createUpdate(
            "UPDATE studio_default_flows SET flow_sid = :flowSid WHERE account_sid = :accountSid")
        .bind("accountSid", accountSid)
        .bind("flowSid", flowSid)
        .execute();
  }
}
