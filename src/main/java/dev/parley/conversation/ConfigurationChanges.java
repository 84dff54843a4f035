package dev.parley.conversation;

import java.time.Duration;

/** An update to an account's Conversations configuration. Null fields are left as they are. */
public record ConfigurationChanges(
    String defaultChatServiceSid,
    String defaultMessagingServiceSid,
    Duration defaultInactiveTimer,
    Duration defaultClosedTimer) {}
