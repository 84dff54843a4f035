package dev.parley.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Studio flows, their revisions, executions and steps (docs/studio.md). */
public interface StudioStore {
  void insertFlow(Tx tx, StudioFlowRecord flow);

  Optional<StudioFlowRecord> findFlow(Tx tx, String accountSid, String sid);

  /** The account's flows, oldest first. */
  Slice<StudioFlowRecord> flows(Tx tx, String accountSid, PageRequest page);

  void updateFlow(Tx tx, StudioFlowRecord flow);

  /** The flow's test users: a JSON array of identities. */
  String testUsers(Tx tx, String sid);

  void setTestUsers(Tx tx, String sid, String testUsers);

  /** Deletes the flow with its revisions, executions and their steps. */
  void deleteFlow(Tx tx, String sid);

  void insertRevision(Tx tx, StudioRevisionRecord revision);

  Optional<StudioRevisionRecord> findRevision(Tx tx, String flowSid, int revision);

  /** A flow's revisions, newest first. */
  Slice<StudioRevisionRecord> revisions(Tx tx, String flowSid, PageRequest page);

  void insertExecution(Tx tx, StudioExecutionRecord execution);

  Optional<StudioExecutionRecord> findExecution(Tx tx, String flowSid, String sid);

  /** The active execution of {@code flowSid} in a conversation, if any. */
  Optional<StudioExecutionRecord> activeInConversation(
      Tx tx, String conversationSid, String flowSid);

  /** Whether {@code flowSid} has an active execution for contact {@code address}. */
  boolean activeForContact(Tx tx, String flowSid, String address);

  /**
   * Takes an execution's wait: true for the one caller that finds it still waiting on widget {@code
   * waiting} until {@code waitUntil} (a reply and its timeout, or two nodes' timer sweeps, race for
   * it). A null {@code waitUntil} is a wait with no deadline (on a subflow's execution).
   */
  boolean claimWait(Tx tx, String sid, String waiting, Instant waitUntil);

  /** A flow's executions, newest first, created in [from, to) where those are non-null. */
  Slice<StudioExecutionRecord> executions(
      Tx tx, String flowSid, Instant from, Instant to, PageRequest page);

  /**
   * The account's executions in a conversation, newest first, at most {@code limit} (the console's
   * view of what flows did in a chat).
   */
  List<StudioExecutionRecord> inConversation(
      Tx tx, String accountSid, String conversationSid, int limit);

  void updateExecution(Tx tx, StudioExecutionRecord execution);

  void deleteExecution(Tx tx, String sid);

  /** Active executions whose wait ended by {@code now}, at most {@code limit}. */
  List<StudioExecutionRecord> timedOut(Tx tx, Instant now, int limit);

  void insertStep(Tx tx, StudioStepRecord step);

  Optional<StudioStepRecord> findStep(Tx tx, String executionSid, String sid);

  /**
   * Claims the account's default flow set-up: true once per account, ever (the row it writes stays
   * when the flow is deleted); two nodes starting together get one true between them.
   */
  boolean claimDefaultFlow(Tx tx, String accountSid, Instant now);

  /** Whether the account's default flow set-up was claimed ({@link #claimDefaultFlow}). */
  boolean defaultFlowClaimed(Tx tx, String accountSid);

  /** Records the flow the set-up created. */
  void setDefaultFlow(Tx tx, String accountSid, String flowSid);

  /** An execution's steps, oldest first. */
  Slice<StudioStepRecord> steps(Tx tx, String executionSid, PageRequest page);
}
