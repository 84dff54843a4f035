package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.Change.StateReason;
import dev.parley.events.Origin;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Attributes;
import dev.parley.store.ConversationFilter;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore.IndexTaken;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, reads, changes and removes conversations, enforcing Twilio's state rules. */
public final class ConversationService {
  private static final Logger log = LoggerFactory.getLogger(ConversationService.class);
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final ChangeEvents events;
  private final PreActions pre;

  public ConversationService(
      Store store, Clock clock, SidGenerator sids, ChangeEvents events, PreActions pre) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.events = events;
    this.pre = pre;
  }

  public ConversationRecord create(Scope scope, NewConversation request) {
    NewConversation checked =
        PreActions.applyTo(scope) ? pre.conversationAdd(scope, request) : request;
    return store.write(tx -> insert(tx, scope, checked));
  }

  /**
   * Creates a conversation inside a caller's transaction (the web chat orchestration,
   * ConversationWithParticipants): runs no pre-action, so refuses an SDK change ({@link
   * PreActions#requireNone}).
   */
  public ConversationRecord create(Tx tx, Scope scope, NewConversation request) {
    PreActions.requireNone(scope);
    return insert(tx, scope, request);
  }

  private ConversationRecord insert(Tx tx, Scope scope, NewConversation request) {
    if (!request.timers().isEmpty() && request.state() == null) {
      throw new ApiException(TwilioError.TIMER_WITHOUT_STATE);
    }
    if (request.uniqueName() != null
        && store.conversations().uniqueNameTaken(tx, scope.serviceSid(), request.uniqueName())) {
      throw new ApiException(TwilioError.UNIQUE_NAME_TAKEN);
    }
    // Twilio applies the account's default timers (/v1/Configuration) to a conversation created
    // without timers of its own.
    Timers timers = request.timers().isEmpty() ? accountTimers(tx, scope) : request.timers();
    Instant now = clock.instant();
    ConversationState state = request.state() == null ? ConversationState.ACTIVE : request.state();
    Instant created = request.dateCreated() == null ? now : request.dateCreated();
    Instant updated = request.dateUpdated() == null ? created : request.dateUpdated();
    ConversationRecord conversation =
        new ConversationRecord(
            sids.next(SidPrefix.CONVERSATION),
            scope.accountSid(),
            scope.serviceSid(),
            request.messagingServiceSid(),
            request.friendlyName(),
            request.uniqueName(),
            request.attributes() == null ? "{}" : request.attributes().json(),
            state.wire(),
            Timers.text(timers.inactive()),
            Timers.text(timers.closed()),
            timers.inactiveAt(state, now),
            timers.closedAt(state, now),
            request.bindings() == null ? "{}" : request.bindings(),
            null,
            -1,
            created,
            updated);
    store.conversations().insert(tx, conversation);
    events.conversationAdded(tx, scope.origin(), conversation);
    return conversation;
  }

  private Timers accountTimers(Tx tx, Scope scope) {
    return store
        .accounts()
        .configuration(tx, scope.accountSid())
        .map(
            c ->
                new Timers(
                    Timers.parse("DefaultInactiveTimer", c.defaultInactiveTimer()),
                    Timers.parse("DefaultClosedTimer", c.defaultClosedTimer())))
        .orElse(Timers.NONE);
  }

  public ConversationRecord find(Scope scope, ConversationRef ref) {
    return store.read(tx -> find(tx, scope, ref));
  }

  /** The conversation, or a 404 naming it. */
  public ConversationRecord find(Tx tx, Scope scope, ConversationRef ref) {
    return store
        .conversations()
        .find(tx, scope.serviceSid(), ref.value())
        .filter(c -> c.accountSid().equals(scope.accountSid()))
        .orElseThrow(ApiException::notFound);
  }

  /** The conversation, or a 404; and 50377 when it is closed and so cannot change. */
  public ConversationRecord findOpen(Tx tx, Scope scope, ConversationRef ref) {
    ConversationRecord conversation = find(tx, scope, ref);
    if (ConversationState.of(conversation) == ConversationState.CLOSED) {
      throw new ApiException(TwilioError.CONVERSATION_CLOSED);
    }
    return conversation;
  }

  /**
   * The open conversation with its next message index taken (its {@code lastMessageIndex}) and its
   * participant whose identity is {@code author} (null for none), found and changed by one
   * statement; a 404 or 50377 as {@link #findOpen} says.
   */
  public IndexTaken takeMessageIndex(Tx tx, Scope scope, ConversationRef ref, String author) {
    return store
        .conversations()
        .takeMessageIndex(tx, scope.accountSid(), scope.serviceSid(), ref.value(), author)
        .orElseGet(
            () -> {
              // Not an open conversation's SID: a unique name, or findOpen names what is wrong.
              ConversationRecord open = findOpen(tx, scope, ref);
              return store
                  .conversations()
                  .takeMessageIndex(tx, scope.accountSid(), scope.serviceSid(), open.sid(), author)
                  .orElseThrow(ApiException::notFound);
            });
  }

  public Slice<ConversationRecord> page(Scope scope, ConversationFilter filter, PageRequest page) {
    return store.read(tx -> store.conversations().page(tx, scope.serviceSid(), filter, page));
  }

  public ConversationRecord update(Scope scope, ConversationRef ref, ConversationChanges changes) {
    ConversationChanges checked =
        PreActions.applyTo(scope)
            ? pre.conversationUpdate(scope, find(scope, ref), changes)
            : changes;
    return store.write(tx -> change(tx, scope, ref, checked));
  }

  /**
   * Changes a conversation inside a caller's transaction (the web channel orchestration, the
   * console): runs no pre-action, so refuses an SDK change ({@link PreActions#requireNone}).
   */
  public ConversationRecord update(
      Tx tx, Scope scope, ConversationRef ref, ConversationChanges changes) {
    PreActions.requireNone(scope);
    return change(tx, scope, ref, changes);
  }

  private ConversationRecord change(
      Tx tx, Scope scope, ConversationRef ref, ConversationChanges changes) {
    ConversationRecord current = findOpen(tx, scope, ref);
    if (changes.uniqueName() != null
        && !changes.uniqueName().equals(current.uniqueName())
        && store.conversations().uniqueNameTaken(tx, scope.serviceSid(), changes.uniqueName())) {
      throw new ApiException(TwilioError.UNIQUE_NAME_TAKEN);
    }
    ConversationRecord updated = apply(current, changes, clock.instant());
    store.conversations().update(tx, updated);
    events.conversationUpdated(tx, scope.origin(), updated);
    if (!updated.state().equals(current.state())) {
      events.stateUpdated(tx, scope.origin(), current, updated, StateReason.API);
    }
    return updated;
  }

  private static ConversationRecord apply(
      ConversationRecord c, ConversationChanges changes, Instant now) {
    ConversationState state = changes.state() == null ? ConversationState.of(c) : changes.state();
    boolean stateChanged = state != ConversationState.of(c);
    String timerInactive = c.timerInactive();
    String timerClosed = c.timerClosed();
    if (changes.timers() != null && changes.timers().inactive() != null) {
      timerInactive = Timers.text(changes.timers().inactive());
    }
    if (changes.timers() != null && changes.timers().closed() != null) {
      timerClosed = Timers.text(changes.timers().closed());
    }
    Timers timers =
        new Timers(
            Timers.parse("Timers.Inactive", timerInactive),
            Timers.parse("Timers.Closed", timerClosed));
    boolean rearm = stateChanged || (changes.timers() != null && !changes.timers().isEmpty());
    return new ConversationRecord(
        c.sid(),
        c.accountSid(),
        c.serviceSid(),
        or(changes.messagingServiceSid(), c.messagingServiceSid()),
        or(changes.friendlyName(), c.friendlyName()),
        or(changes.uniqueName(), c.uniqueName()),
        or(Attributes.json(changes.attributes()), c.attributes()),
        state.wire(),
        timerInactive,
        timerClosed,
        rearm ? timers.inactiveAt(state, now) : c.dateInactive(),
        rearm ? timers.closedAt(state, now) : c.dateClosed(),
        or(changes.bindings(), c.bindings()),
        c.createdBy(),
        c.lastMessageIndex(),
        or(changes.dateCreated(), c.dateCreated()),
        changes.dateUpdated() == null ? now : changes.dateUpdated());
  }

  public void delete(Scope scope, ConversationRef ref) {
    if (PreActions.applyTo(scope)) {
      pre.conversationRemove(scope, find(scope, ref));
    }
    store.write(
        tx -> {
          remove(tx, scope, ref);
          return null;
        });
  }

  /**
   * Removes a conversation (and all it holds) inside a caller's transaction: runs no pre-action, so
   * refuses an SDK change ({@link PreActions#requireNone}).
   */
  public void delete(Tx tx, Scope scope, ConversationRef ref) {
    PreActions.requireNone(scope);
    remove(tx, scope, ref);
  }

  private void remove(Tx tx, Scope scope, ConversationRef ref) {
    ConversationRecord conversation = find(tx, scope, ref);
    // Recorded first: the planner reads the conversation's own webhooks, which go with it.
    events.conversationRemoved(tx, scope.origin(), conversation, clock.instant());
    // Its media's bytes go with it: the sweep deletes what the trash holds (MediaService.sweep).
    store.media().trashOfConversation(tx, conversation.sid(), clock.instant());
    store.conversations().delete(tx, conversation.sid());
  }

  /** How many due conversations one sweep transaction handles. */
  private static final int SWEEP_BATCH = 200;

  /**
   * Moves every conversation whose timer is due to {@code inactive} or {@code closed}
   * (https://www.twilio.com/docs/conversations/states-timers). The instants live in the store, so
   * timers survive a restart; a sweep after downtime catches up at once. Returns how many changed.
   */
  public int fireDueTimers() {
    // Most sweeps find nothing due: look on a read connection rather than queue a write
    // transaction behind the single writer every second.
    Instant first = clock.instant();
    if (store.read(tx -> store.conversations().dueTimers(tx, first, 1)).isEmpty()) {
      return 0;
    }
    int total = 0;
    int claimed;
    do {
      Instant now = clock.instant();
      try {
        claimed =
            store.write(
                tx -> {
                  List<ConversationRecord> due =
                      store.conversations().claimDueTimers(tx, now, SWEEP_BATCH);
                  due.forEach(c -> fire(tx, c, now));
                  return due.size();
                });
        total += claimed;
      } catch (RuntimeException batchFailed) {
        // One conversation that cannot change must not hold back every other timer (of every
        // account): this batch again, one transaction per conversation.
        List<ConversationRecord> due =
            store.read(tx -> store.conversations().dueTimers(tx, now, SWEEP_BATCH));
        claimed = due.size();
        for (ConversationRecord c : due) {
          total += fireAlone(c.sid(), now) ? 1 : 0;
        }
      }
    } while (claimed == SWEEP_BATCH);
    return total;
  }

  /** How long a timer that failed to fire waits before the sweep tries it again. */
  static final Duration RETRY_FAILED_TIMER = Duration.ofMinutes(5);

  private void fire(Tx tx, ConversationRecord c, Instant now) {
    ConversationRecord expired = expire(c, now);
    store.conversations().update(tx, expired);
    // Parley's own action, not a REST call: its webhooks always fire.
    events.stateUpdated(tx, Origin.API, c, expired, StateReason.TIMER);
  }

  /**
   * Fires one conversation's timer in its own transaction. When that fails, the timer is deferred
   * by {@link #RETRY_FAILED_TIMER} (a poison row is not retried every second) and logged.
   */
  private boolean fireAlone(String sid, Instant now) {
    try {
      return store.write(
          tx ->
              store
                  .conversations()
                  .claimDueTimer(tx, sid, now)
                  .map(
                      c -> {
                        fire(tx, c, now);
                        return true;
                      })
                  .orElse(false));
    } catch (RuntimeException e) {
      Instant retry = now.plus(RETRY_FAILED_TIMER);
      store.write(
          tx -> {
            store.conversations().deferDueTimers(tx, sid, now, retry);
            return null;
          });
      log.error("event=timer_failed conversation_sid={} retry_at={}", sid, retry, e);
      return false;
    }
  }

  /** A due conversation after its timer fired: closed if that timer is due, else inactive. */
  private static ConversationRecord expire(ConversationRecord c, Instant now) {
    boolean close = c.dateClosed() != null && !c.dateClosed().isAfter(now);
    ConversationState to = close ? ConversationState.CLOSED : ConversationState.INACTIVE;
    return new ConversationRecord(
        c.sid(),
        c.accountSid(),
        c.serviceSid(),
        c.messagingServiceSid(),
        c.friendlyName(),
        c.uniqueName(),
        c.attributes(),
        to.wire(),
        c.timerInactive(),
        c.timerClosed(),
        null,
        close ? null : c.dateClosed(),
        c.bindings(),
        c.createdBy(),
        c.lastMessageIndex(),
        c.dateCreated(),
        now);
  }

  /** Activity in an active conversation (a new message) re-arms its inactive timer. */
  public void noteActivity(Tx tx, ConversationRecord conversation) {
    if (conversation.timerInactive() != null
        && ConversationState.of(conversation) == ConversationState.ACTIVE) {
      store
          .conversations()
          .rearmInactive(
              tx,
              conversation.sid(),
              clock.instant().plus(Duration.parse(conversation.timerInactive())));
    }
  }
}
