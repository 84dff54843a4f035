package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;

/**
 * A service's push notification settings, kept as JSON in {@code services.notifications} in the
 * same shape Twilio renders them. Everything is off, with no template or sound, until set.
 */
public record NotificationSettings(
    boolean logEnabled,
    Push addedToConversation,
    NewMessage newMessage,
    Push removedFromConversation) {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  public NotificationSettings {
    addedToConversation = addedToConversation == null ? Push.OFF : addedToConversation;
    newMessage = newMessage == null ? NewMessage.OFF : newMessage;
    removedFromConversation = removedFromConversation == null ? Push.OFF : removedFromConversation;
  }

  /** A notification: whether it is sent, its text template and its sound. */
  public record Push(boolean enabled, String template, String sound) {
    static final Push OFF = new Push(false, null, null);

    Push with(Boolean enabled, String template, String sound) {
      return new Push(
          enabled == null ? this.enabled : enabled,
          template == null ? this.template : template,
          sound == null ? this.sound : sound);
    }
  }

  /** The new-message notification, with its badge count and its variant for media messages. */
  public record NewMessage(
      boolean enabled,
      String template,
      boolean badgeCountEnabled,
      String sound,
      WithMedia withMedia) {
    static final NewMessage OFF = new NewMessage(false, null, false, null, null);

    public NewMessage {
      withMedia = withMedia == null ? WithMedia.OFF : withMedia;
    }
  }

  /** The new-message notification for messages that carry media. */
  public record WithMedia(boolean enabled, String template) {
    static final WithMedia OFF = new WithMedia(false, null);
  }

  public static NotificationSettings parse(String json) {
    try {
      return MAPPER.readValue(json, NotificationSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored notification settings are not JSON", e);
    }
  }

  public String json() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification settings always serialize", e);
    }
  }

  public NotificationSettings with(NotificationChanges c) {
    NewMessage m = newMessage;
    WithMedia media =
        new WithMedia(
            or(c.newMessageWithMediaEnabled(), m.withMedia().enabled()),
            or(c.newMessageWithMediaTemplate(), m.withMedia().template()));
    return new NotificationSettings(
        or(c.logEnabled(), logEnabled),
        addedToConversation.with(
            c.addedToConversationEnabled(),
            c.addedToConversationTemplate(),
            c.addedToConversationSound()),
        new NewMessage(
            or(c.newMessageEnabled(), m.enabled()),
            or(c.newMessageTemplate(), m.template()),
            or(c.newMessageBadgeCountEnabled(), m.badgeCountEnabled()),
            or(c.newMessageSound(), m.sound()),
            media),
        removedFromConversation.with(
            c.removedFromConversationEnabled(),
            c.removedFromConversationTemplate(),
            c.removedFromConversationSound()));
  }
}
