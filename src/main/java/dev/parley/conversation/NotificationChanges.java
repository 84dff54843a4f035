package dev.parley.conversation;

/** An update to a service's push notification settings. Null fields are left as they are. */
public record NotificationChanges(
    Boolean logEnabled,
    Boolean newMessageEnabled,
    String newMessageTemplate,
    String newMessageSound,
    Boolean newMessageBadgeCountEnabled,
    Boolean newMessageWithMediaEnabled,
    String newMessageWithMediaTemplate,
    Boolean addedToConversationEnabled,
    String addedToConversationTemplate,
    String addedToConversationSound,
    Boolean removedFromConversationEnabled,
    String removedFromConversationTemplate,
    String removedFromConversationSound) {}
