package dev.parley.store;

/**
 * One participant with its conversation: a row of the User Conversations and
 * ParticipantConversations lists. {@code userSid} is the user with the participant's identity (null
 * when there is none); {@code unreadMessagesCount} counts messages after the participant's read
 * horizon, null when the horizon was never set.
 */
public record MembershipRecord(
    ParticipantRecord participant,
    ConversationRecord conversation,
    String userSid,
    Long unreadMessagesCount) {}
