package dev.parley.events;

/** The post-action events of Twilio's Conversations webhook table. */
public enum EventType {
  CONVERSATION_ADDED("onConversationAdded"),
  CONVERSATION_UPDATED("onConversationUpdated"),
  CONVERSATION_REMOVED("onConversationRemoved"),
  CONVERSATION_STATE_UPDATED("onConversationStateUpdated"),
  PARTICIPANT_ADDED("onParticipantAdded"),
  PARTICIPANT_UPDATED("onParticipantUpdated"),
  PARTICIPANT_REMOVED("onParticipantRemoved"),
  MESSAGE_ADDED("onMessageAdded"),
  MESSAGE_UPDATED("onMessageUpdated"),
  MESSAGE_REMOVED("onMessageRemoved"),
  DELIVERY_UPDATED("onDeliveryUpdated"),
  USER_ADDED("onUserAdded"),
  USER_UPDATED("onUserUpdated");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  /** The name webhooks carry in {@code EventType} and filters list. */
  public String wire() {
    return wire;
  }
}
