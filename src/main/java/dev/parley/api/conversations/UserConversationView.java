package dev.parley.api.conversations;

import dev.parley.http.PublicUrl;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.ParticipantRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of a user's conversation ({@code conversations.v1.user.user_conversation}). */
public record UserConversationView(
    String accountSid,
    String chatServiceSid,
    String conversationSid,
    Long unreadMessagesCount,
    Long lastReadMessageIndex,
    String participantSid,
    String userSid,
    String friendlyName,
    String conversationState,
    Map<String, Instant> timers,
    String attributes,
    Instant dateCreated,
    Instant dateUpdated,
    String createdBy,
    String notificationLevel,
    String uniqueName,
    String url,
    Map<String, String> links) {

  static UserConversationView of(
      MembershipRecord m, String userSid, PublicUrl base, String prefix) {
    ConversationRecord c = m.conversation();
    ParticipantRecord p = m.participant();
    return new UserConversationView(
        c.accountSid(),
        c.serviceSid(),
        c.sid(),
        m.unreadMessagesCount(),
        p.lastReadMessageIndex(),
        p.sid(),
        userSid,
        c.friendlyName(),
        c.state(),
        ConversationView.timers(c),
        c.attributes(),
        c.dateCreated(),
        c.dateUpdated(),
        c.createdBy(),
        p.notificationLevel(),
        c.uniqueName(),
        base.of(prefix + "/Users/" + userSid + "/Conversations/" + c.sid()),
        links(p, base, prefix));
  }

  /** {@code participant} and {@code conversation} links, shared with ParticipantConversations. */
  static Map<String, String> links(ParticipantRecord p, PublicUrl base, String prefix) {
    String conversation = base.of(prefix + "/Conversations/" + p.conversationSid());
    Map<String, String> links = new LinkedHashMap<>();
    links.put("participant", conversation + "/Participants/" + p.sid());
    links.put("conversation", conversation);
    return links;
  }
}
