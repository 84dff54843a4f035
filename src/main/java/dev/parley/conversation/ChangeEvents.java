package dev.parley.conversation;

import dev.parley.events.Event;
import dev.parley.events.EventFields;
import dev.parley.events.EventLog;
import dev.parley.events.EventType;
import dev.parley.events.Origin;
import dev.parley.media.MediaAttachments;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.time.Instant;
import java.util.Locale;

/**
 * Records each conversation change's event with the fields Twilio documents for it
 * (https://www.twilio.com/docs/conversations/conversations-webhooks), in the change's transaction.
 */
public final class ChangeEvents {
  /** Why a conversation changed state, as {@code onConversationStateUpdated} says. */
  public enum StateReason {
    API,
    TIMER
  }

  private final EventLog log;

  public ChangeEvents(EventLog log) {
    this.log = log;
  }

  public void conversationAdded(Tx tx, Origin origin, ConversationRecord c) {
    record(tx, origin, EventType.CONVERSATION_ADDED, c, null);
  }

  public void conversationUpdated(Tx tx, Origin origin, ConversationRecord c) {
    record(tx, origin, EventType.CONVERSATION_UPDATED, c, null);
  }

  public void conversationRemoved(Tx tx, Origin origin, ConversationRecord c, Instant removed) {
    record(tx, origin, EventType.CONVERSATION_REMOVED, c, removed);
  }

  private void record(Tx tx, Origin origin, EventType type, ConversationRecord c, Instant removed) {
    log.record(
        tx,
        origin,
        type,
        c.accountSid(),
        c.serviceSid(),
        c.sid(),
        c,
        f ->
            f.put("ConversationSid", c.sid())
                .put("DateCreated", c.dateCreated())
                .put("DateUpdated", c.dateUpdated())
                .put("DateRemoved", removed)
                .put("FriendlyName", c.friendlyName())
                .put("UniqueName", c.uniqueName())
                .put("Attributes", c.attributes())
                .put("MessagingServiceSid", c.messagingServiceSid())
                .put("State", c.state()));
  }

  public void stateUpdated(
      Tx tx, Origin origin, ConversationRecord from, ConversationRecord to, StateReason reason) {
    log.record(
        tx,
        origin,
        EventType.CONVERSATION_STATE_UPDATED,
        to.accountSid(),
        to.serviceSid(),
        to.sid(),
        to,
        f ->
            f.put("ConversationSid", to.sid())
                .put("StateUpdated", to.dateUpdated())
                .put("StateFrom", from.state())
                .put("StateTo", to.state())
                .put("Reason", reason.name())
                .put("MessagingServiceSid", to.messagingServiceSid()));
  }

  public Event messageAdded(
      Tx tx, Origin origin, ConversationRecord conversation, MessageRecord m) {
    return log.record(
        tx,
        origin,
        EventType.MESSAGE_ADDED,
        m.accountSid(),
        m.serviceSid(),
        m.conversationSid(),
        new MessagePosted(conversation, m),
        f -> message(f, m).put("MessagingServiceSid", conversation.messagingServiceSid()));
  }

  public void messageUpdated(Tx tx, Origin origin, MessageRecord m) {
    log.record(
        tx,
        origin,
        EventType.MESSAGE_UPDATED,
        m.accountSid(),
        m.serviceSid(),
        m.conversationSid(),
        m,
        f -> message(f, m).put("DateUpdated", m.dateUpdated()));
  }

  public void messageRemoved(Tx tx, Origin origin, MessageRecord m, Instant removed) {
    log.record(
        tx,
        origin,
        EventType.MESSAGE_REMOVED,
        m.accountSid(),
        m.serviceSid(),
        m.conversationSid(),
        m,
        f -> message(f, m).put("DateUpdated", m.dateUpdated()).put("DateRemoved", removed));
  }

  private static EventFields message(EventFields f, MessageRecord m) {
    return f.put("ConversationSid", m.conversationSid())
        .put("MessageSid", m.sid())
        .put("Index", m.index())
        .put("DateCreated", m.dateCreated())
        .put("Body", m.body())
        .put("Author", m.author())
        .put("ParticipantSid", m.participantSid())
        .put("Attributes", m.attributes())
        .put("Media", MediaAttachments.forWebhook(m.media()));
  }

  public void participantAdded(Tx tx, Origin origin, ParticipantRecord p) {
    log.record(
        tx,
        origin,
        EventType.PARTICIPANT_ADDED,
        p.accountSid(),
        p.serviceSid(),
        p.conversationSid(),
        p,
        f -> participant(f, p));
  }

  public void participantUpdated(Tx tx, Origin origin, ParticipantRecord p) {
    log.record(
        tx,
        origin,
        EventType.PARTICIPANT_UPDATED,
        p.accountSid(),
        p.serviceSid(),
        p.conversationSid(),
        p,
        f ->
            participant(f, p)
                .put("DateUpdated", p.dateUpdated())
                .put("LastReadMessageIndex", p.lastReadMessageIndex()));
  }

  public void participantRemoved(Tx tx, Origin origin, ParticipantRecord p, Instant removed) {
    log.record(
        tx,
        origin,
        EventType.PARTICIPANT_REMOVED,
        p.accountSid(),
        p.serviceSid(),
        p.conversationSid(),
        p,
        f -> participant(f, p).put("DateUpdated", p.dateUpdated()).put("DateRemoved", removed));
  }

  /** A chat participant has an identity and no binding; an SMS-type one the reverse. */
  static EventFields participant(EventFields f, ParticipantRecord p) {
    f.put("ConversationSid", p.conversationSid())
        .put("ParticipantSid", p.sid())
        .put("DateCreated", p.dateCreated())
        .put("Identity", p.identity())
        .put("RoleSid", p.roleSid())
        .put("Attributes", p.attributes());
    if (p.messagingBinding() != null) {
      binding(f, MessagingBinding.parse(p.messagingBinding()));
    }
    return f;
  }

  static EventFields binding(EventFields f, MessagingBinding binding) {
    return f.put("MessagingBinding.Address", binding.address())
        .put("MessagingBinding.ProxyAddress", binding.proxyAddress())
        .put("MessagingBinding.ProjectedAddress", binding.projectedAddress())
        .put("MessagingBinding.Type", binding.type().toUpperCase(Locale.ROOT));
  }

  /** {@code generated}: the user's identity was just made up (see {@link NewIdentityUser}). */
  public void userAdded(Tx tx, Origin origin, UserRecord u, boolean generated) {
    Object subject = generated ? new NewIdentityUser(u) : u;
    log.recordOfUser(tx, origin, EventType.USER_ADDED, u, subject, f -> user(f, u));
  }

  public void userUpdated(Tx tx, Origin origin, UserRecord u) {
    log.recordOfUser(
        tx,
        origin,
        EventType.USER_UPDATED,
        u,
        u,
        f -> user(f, u).put("DateUpdated", u.dateUpdated()));
  }

  private static EventFields user(EventFields f, UserRecord u) {
    return f.put("UserSid", u.sid())
        .put("DateCreated", u.dateCreated())
        .put("Identity", u.identity())
        .put("RoleSid", u.roleSid())
        .put("Attributes", u.attributes())
        .put("FriendlyName", u.friendlyName());
  }
}
