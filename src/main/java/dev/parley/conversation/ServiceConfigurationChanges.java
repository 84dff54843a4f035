package dev.parley.conversation;

/** An update to a service's configuration. Null fields are left as they are. */
public record ServiceConfigurationChanges(
    String defaultConversationCreatorRoleSid,
    String defaultConversationRoleSid,
    String defaultChatServiceRoleSid,
    Boolean reachabilityEnabled) {}
