package dev.parley.conversation;

import dev.parley.events.Change.ConversationChanged;
import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Change.MessageChanged;
import dev.parley.events.Change.ParticipantChanged;
import dev.parley.events.Change.StateChanged;
import dev.parley.events.Change.StateReason;
import dev.parley.events.Change.UserChanged;
import dev.parley.events.Event;
import dev.parley.events.EventFields;
import dev.parley.events.EventLog;
import dev.parley.events.EventType;
import dev.parley.events.Origin;
import dev.parley.shapes.ConversationShapes;
import dev.parley.shapes.MessageShapes;
import dev.parley.shapes.ParticipantShapes;
import dev.parley.shapes.UserShapes;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Records each conversation change's event, in the change's transaction: the typed {@link
 * dev.parley.events.Change} for the listeners, and the fields Twilio documents for it
 * (https://www.twilio.com/docs/conversations/conversations-webhooks) from the entity's shapes
 * ({@code dev.parley.shapes}).
 */
public final class ChangeEvents {
  private final EventLog log;

  public ChangeEvents(EventLog log) {
    this.log = log;
  }

  public void conversationAdded(Tx tx, Origin origin, ConversationRecord c) {
    conversation(tx, origin, EventType.CONVERSATION_ADDED, c, null);
  }

  public void conversationUpdated(Tx tx, Origin origin, ConversationRecord c) {
    conversation(tx, origin, EventType.CONVERSATION_UPDATED, c, null);
  }

  public void conversationRemoved(Tx tx, Origin origin, ConversationRecord c, Instant removed) {
    conversation(tx, origin, EventType.CONVERSATION_REMOVED, c, removed);
  }

  private void conversation(
      Tx tx, Origin origin, EventType type, ConversationRecord c, Instant removed) {
    log.record(
        tx,
        origin,
        type,
        new ConversationChanged(c, removed),
        f -> ConversationShapes.event(f, c, removed));
  }

  public void stateUpdated(
      Tx tx, Origin origin, ConversationRecord from, ConversationRecord to, StateReason reason) {
    log.record(
        tx,
        origin,
        EventType.CONVERSATION_STATE_UPDATED,
        new StateChanged(from, to, reason),
        f -> ConversationShapes.stateEvent(f, from, to, reason));
  }

  public Event messageAdded(
      Tx tx, Origin origin, ConversationRecord conversation, MessageRecord m) {
    return log.record(
        tx,
        origin,
        EventType.MESSAGE_ADDED,
        new MessageAdded(conversation, m),
        f -> MessageShapes.added(f, m, conversation.messagingServiceSid()));
  }

  /**
   * The {@code onMessageAdded} fields of a message already stored, as its event carried them (done
   * by {@code origin}): for a Studio webhook replaying a conversation's messages ({@code
   * ReplayAfter}).
   */
  public static Map<String, String> messageAddedFields(
      Origin origin, ConversationRecord conversation, MessageRecord m) {
    return MessageShapes.added(
            EventFields.common(
                m.accountSid(), EventType.MESSAGE_ADDED.wire(), origin, m.serviceSid()),
            m,
            conversation.messagingServiceSid())
        .asMap();
  }

  public void messageUpdated(Tx tx, Origin origin, MessageRecord m) {
    log.record(
        tx,
        origin,
        EventType.MESSAGE_UPDATED,
        new MessageChanged(m, null),
        f -> MessageShapes.updated(f, m));
  }

  public void messageRemoved(Tx tx, Origin origin, MessageRecord m, Instant removed) {
    log.record(
        tx,
        origin,
        EventType.MESSAGE_REMOVED,
        new MessageChanged(m, removed),
        f -> MessageShapes.removed(f, m, removed));
  }

  public void participantAdded(Tx tx, Origin origin, ParticipantRecord p) {
    log.record(
        tx,
        origin,
        EventType.PARTICIPANT_ADDED,
        new ParticipantChanged(p, null),
        f -> ParticipantShapes.added(f, p));
  }

  public void participantUpdated(Tx tx, Origin origin, ParticipantRecord p) {
    log.record(
        tx,
        origin,
        EventType.PARTICIPANT_UPDATED,
        new ParticipantChanged(p, null),
        f -> ParticipantShapes.updated(f, p));
  }

  public void participantRemoved(Tx tx, Origin origin, ParticipantRecord p, Instant removed) {
    log.record(
        tx,
        origin,
        EventType.PARTICIPANT_REMOVED,
        new ParticipantChanged(p, removed),
        f -> ParticipantShapes.removed(f, p, removed));
  }

  /** {@code generated}: the user's identity was just made up (a web chat visitor's). */
  public void userAdded(Tx tx, Origin origin, UserRecord u, boolean generated) {
    log.record(
        tx,
        origin,
        EventType.USER_ADDED,
        new UserChanged(u, generated),
        f -> UserShapes.added(f, u));
  }

  public void userUpdated(Tx tx, Origin origin, UserRecord u) {
    log.record(
        tx,
        origin,
        EventType.USER_UPDATED,
        new UserChanged(u, false),
        f -> UserShapes.updated(f, u));
  }
}
