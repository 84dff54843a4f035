package dev.parley.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations of one service. {@code sidOrUniqueName} resolves Twilio's path alias. */
public interface ConversationStore {
  void insert(Tx tx, ConversationRecord conversation);

  Optional<ConversationRecord> find(Tx tx, String serviceSid, String sidOrUniqueName);

  boolean uniqueNameTaken(Tx tx, String serviceSid, String uniqueName);

  Slice<ConversationRecord> page(
      Tx tx, String serviceSid, ConversationFilter filter, PageRequest page);

  void update(Tx tx, ConversationRecord conversation);

  /**
   * Takes the next message index of the conversation {@code sid} of the account and service, if it
   * is not closed, atomically within {@code tx}: the conversation as it is then, its {@code
   * lastMessageIndex} the index taken, and its participant whose identity is {@code author}. Empty,
   * and nothing changed, when there is no such open conversation. One statement finds the
   * conversation and the author and takes the index: a message's post reads them only here.
   */
  Optional<IndexTaken> takeMessageIndex(
      Tx tx, String accountSid, String serviceSid, String sid, String author);

  /** {@code authorParticipantSid}: null when no participant has the author's identity. */
  record IndexTaken(ConversationRecord conversation, String authorParticipantSid) {}

  /**
   * What a write that posts a message asks {@link #takeMessageIndex} for first (see {@link
   * Store#write(IndexWanted, java.util.function.Function)}); {@code author}: null for none.
   */
  record IndexWanted(String accountSid, String serviceSid, String sid, String author) {}

  void delete(Tx tx, String sid);

  /**
   * Up to {@code limit} conversations with a timer due at {@code now}: active ones past their
   * inactive instant, and not-yet-closed ones past their closed instant.
   */
  List<ConversationRecord> dueTimers(Tx tx, Instant now, int limit);

  /**
   * Like {@link #dueTimers}, in a write transaction that will move them: rows another transaction
   * is moving right now are skipped, so on several nodes each timer fires once.
   */
  List<ConversationRecord> claimDueTimers(Tx tx, Instant now, int limit);

  /** {@link #claimDueTimers} for one conversation: empty when its timer is not due, or taken. */
  Optional<ConversationRecord> claimDueTimer(Tx tx, String sid, Instant now);

  /**
   * Moves each of the conversation's timers that is due at {@code now} to {@code until}: a timer
   * that failed to fire is tried again then, not on every sweep.
   */
  void deferDueTimers(Tx tx, String sid, Instant now, Instant until);

  /** Moves the instant the inactive timer fires at (activity re-arms it). */
  void rearmInactive(Tx tx, String sid, Instant at);
}
