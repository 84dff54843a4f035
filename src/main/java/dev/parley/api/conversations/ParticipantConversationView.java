package dev.parley.api.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.PublicUrl;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.ParticipantRecord;
import java.time.Instant;
import java.util.Map;

/** The wire form of one ParticipantConversations row ({@code participant_conversation}). */
public record ParticipantConversationView(
    String accountSid,
    String chatServiceSid,
    String participantSid,
    String participantUserSid,
    String participantIdentity,
    JsonNode participantMessagingBinding,
    String conversationSid,
    String conversationUniqueName,
    String conversationFriendlyName,
    String conversationAttributes,
    Instant conversationDateCreated,
    Instant conversationDateUpdated,
    String conversationCreatedBy,
    String conversationState,
    Map<String, Instant> conversationTimers,
    Map<String, String> links) {

  static ParticipantConversationView of(MembershipRecord m, PublicUrl base, String prefix) {
    ConversationRecord c = m.conversation();
    ParticipantRecord p = m.participant();
    return new ParticipantConversationView(
        c.accountSid(),
        c.serviceSid(),
        p.sid(),
        m.userSid(),
        p.identity(),
        ParticipantView.json(p.messagingBinding()),
        c.sid(),
        c.uniqueName(),
        c.friendlyName(),
        c.attributes(),
        c.dateCreated(),
        c.dateUpdated(),
        c.createdBy(),
        c.state(),
        ConversationView.timers(c),
        UserConversationView.links(p, base, prefix));
  }
}
