package dev.parley.events;

/**
 * The pre-action events: Twilio asks the account's or service's {@code PreWebhookUrl} before it
 * publishes the change, and the answer may modify or reject it.
 */
public enum PreAction {
  CONVERSATION_ADD("onConversationAdd"),
  CONVERSATION_UPDATE("onConversationUpdate"),
  CONVERSATION_REMOVE("onConversationRemove"),
  PARTICIPANT_ADD("onParticipantAdd"),
  PARTICIPANT_UPDATE("onParticipantUpdate"),
  PARTICIPANT_REMOVE("onParticipantRemove"),
  MESSAGE_ADD("onMessageAdd"),
  MESSAGE_UPDATE("onMessageUpdate"),
  MESSAGE_REMOVE("onMessageRemove"),
  USER_UPDATE("onUserUpdate");

  private final String wire;

  PreAction(String wire) {
    this.wire = wire;
  }

  /** The name the request carries in {@code EventType} and filters list. */
  public String wire() {
    return wire;
  }
}
