package dev.parley.events;

import dev.parley.events.Change.ConversationChanged;
import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Change.MessageChanged;
import dev.parley.events.Change.ParticipantChanged;
import dev.parley.events.Change.StateChanged;
import dev.parley.events.Change.UserChanged;

/**
 * The post-action events of Twilio's Conversations webhook table, each with the kind of {@link
 * Change} it is about. {@code onDeliveryUpdated} (a delivery receipt's change) is listed for
 * webhook filters but never recorded: no channel here sends receipts.
 */
public enum EventType {
  CONVERSATION_ADDED("onConversationAdded", ConversationChanged.class),
  CONVERSATION_UPDATED("onConversationUpdated", ConversationChanged.class),
  CONVERSATION_REMOVED("onConversationRemoved", ConversationChanged.class),
  CONVERSATION_STATE_UPDATED("onConversationStateUpdated", StateChanged.class),
  PARTICIPANT_ADDED("onParticipantAdded", ParticipantChanged.class),
  PARTICIPANT_UPDATED("onParticipantUpdated", ParticipantChanged.class),
  PARTICIPANT_REMOVED("onParticipantRemoved", ParticipantChanged.class),
  MESSAGE_ADDED("onMessageAdded", MessageAdded.class),
  MESSAGE_UPDATED("onMessageUpdated", MessageChanged.class),
  MESSAGE_REMOVED("onMessageRemoved", MessageChanged.class),
  DELIVERY_UPDATED("onDeliveryUpdated", null),
  USER_ADDED("onUserAdded", UserChanged.class),
  USER_UPDATED("onUserUpdated", UserChanged.class);

  private final String wire;
  private final Class<? extends Change> change;

  EventType(String wire, Class<? extends Change> change) {
    this.wire = wire;
    this.change = change;
  }

  /** The kind of change an event of this type is about; null for {@code onDeliveryUpdated}. */
  public Class<? extends Change> change() {
    return change;
  }

  /** The name webhooks carry in {@code EventType} and filters list. */
  public String wire() {
    return wire;
  }
}
