package dev.parley.events;

import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.UserRecord;
import java.time.Instant;

/**
 * What an event is about, typed: the changed records as the change left them. Each {@link
 * EventType} carries one kind ({@link EventType#change()}), so a listener reads a {@code
 * MESSAGE_ADDED} event's message as {@code event.change(MessageAdded.class).message()}, never
 * through the webhook's wire names. Handed to the listeners of the recording transaction; never
 * stored (the outbox keeps the webhook's form fields).
 */
public sealed interface Change {
  String accountSid();

  String serviceSid();

  /** The conversation changed, null for a user's change. */
  String conversationSid();

  /**
   * What this change's events take turns with (their delivery order): the conversation's, or a
   * user's own for a user change, so web chats of one account, each adding a user, don't wait for
   * one another.
   */
  default String turn() {
    return conversationSid();
  }

  /** Why a conversation changed state, as {@code onConversationStateUpdated} says. */
  enum StateReason {
    API,
    TIMER
  }

  /** A conversation added, updated or (with the instant of its removal) removed. */
  record ConversationChanged(ConversationRecord conversation, Instant removed) implements Change {
    @Override
    public String accountSid() {
      return conversation.accountSid();
    }

    @Override
    public String serviceSid() {
      return conversation.serviceSid();
    }

    @Override
    public String conversationSid() {
      return conversation.sid();
    }
  }

  /** A conversation's state went from {@code from}'s to {@code to}'s. */
  record StateChanged(ConversationRecord from, ConversationRecord to, StateReason reason)
      implements Change {
    @Override
    public String accountSid() {
      return to.accountSid();
    }

    @Override
    public String serviceSid() {
      return to.serviceSid();
    }

    @Override
    public String conversationSid() {
      return to.sid();
    }
  }

  /** A new message, with its conversation as the message left it. */
  record MessageAdded(ConversationRecord conversation, MessageRecord message) implements Change {
    @Override
    public String accountSid() {
      return message.accountSid();
    }

    @Override
    public String serviceSid() {
      return message.serviceSid();
    }

    @Override
    public String conversationSid() {
      return message.conversationSid();
    }
  }

  /** A message updated or (with the instant of its removal) removed. */
  record MessageChanged(MessageRecord message, Instant removed) implements Change {
    @Override
    public String accountSid() {
      return message.accountSid();
    }

    @Override
    public String serviceSid() {
      return message.serviceSid();
    }

    @Override
    public String conversationSid() {
      return message.conversationSid();
    }
  }

  /** A participant added, updated or (with the instant of its removal) removed. */
  record ParticipantChanged(ParticipantRecord participant, Instant removed) implements Change {
    @Override
    public String accountSid() {
      return participant.accountSid();
    }

    @Override
    public String serviceSid() {
      return participant.serviceSid();
    }

    @Override
    public String conversationSid() {
      return participant.conversationSid();
    }
  }

  /**
   * A user added or updated. {@code newIdentity}: the user's identity was just made up (a web chat
   * visitor's), so nothing can be keyed by it yet but what this transaction makes.
   */
  record UserChanged(UserRecord user, boolean newIdentity) implements Change {
    @Override
    public String accountSid() {
      return user.accountSid();
    }

    @Override
    public String serviceSid() {
      return user.serviceSid();
    }

    @Override
    public String conversationSid() {
      return null;
    }

    @Override
    public String turn() {
      return user.sid();
    }
  }
}
