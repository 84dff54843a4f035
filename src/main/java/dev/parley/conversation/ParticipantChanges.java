package dev.parley.conversation;

import dev.parley.json.Attributes;
import java.time.Instant;
import java.util.Optional;

/**
 * An update to a participant. Null fields are left as they are. The {@code Optional} fields can
 * also be cleared: null keeps the value, {@code Optional.empty()} removes it (Twilio: "'null' value
 * will remove it"; {@code LastReadMessageIndex} is nullable).
 */
public record ParticipantChanges(
    String identity,
    Attributes attributes,
    String roleSid,
    Instant dateCreated,
    Instant dateUpdated,
    Optional<String> proxyAddress,
    Optional<String> projectedAddress,
    Optional<Long> lastReadMessageIndex,
    Instant lastReadTimestamp,
    NotificationLevel notificationLevel) {

  /** The changes a user makes to its own membership (the User Conversation resource). */
  public static ParticipantChanges reading(
      NotificationLevel level, Optional<Long> lastReadMessageIndex, Instant lastReadTimestamp) {
    return new ParticipantChanges(
        null, null, null, null, null, null, null, lastReadMessageIndex, lastReadTimestamp, level);
  }
}
