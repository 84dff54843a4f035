package dev.parley.api.conversations;

import dev.parley.http.PublicUrl;
import dev.parley.store.ServiceRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of a Conversation Service ({@code conversations.v1.service}). */
public record ServiceView(
    String sid,
    String accountSid,
    String friendlyName,
    Instant dateCreated,
    Instant dateUpdated,
    String url,
    Map<String, String> links) {

  static ServiceView of(ServiceRecord s, PublicUrl base) {
    String url = base.of("/v1/Services/" + s.sid());
    Map<String, String> links = new LinkedHashMap<>();
    for (String[] link :
        new String[][] {
          {"conversations", "Conversations"},
          {"users", "Users"},
          {"roles", "Roles"},
          {"bindings", "Bindings"},
          {"configuration", "Configuration"},
          {"participant_conversations", "ParticipantConversations"},
          {"conversation_with_participants", "ConversationWithParticipants"}
        }) {
      links.put(link[0], url + "/" + link[1]);
    }
    return new ServiceView(
        s.sid(), s.accountSid(), s.friendlyName(), s.dateCreated(), s.dateUpdated(), url, links);
  }
}
