package dev.parley.realtime.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.sync.SyncDirectory;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.UserRecord;
import java.time.Instant;

/**
 * The JSON the SDK's commands answer with (docs/realtime-protocol.md §3.3): snake_case like the
 * REST API, plus the {@code sync_objects} and absolute {@code links} the SDK follows.
 */
final class ClientJson {
  private final ClientLinks links;

  ClientJson(ClientLinks links) {
    this.links = links;
  }

  ObjectNode conversation(ConversationRecord c, SyncDirectory.ConversationObjects objects) {
    ObjectNode j = ClientBodies.object();
    j.put("sid", c.sid());
    j.put("conversation_sid", c.sid());
    j.put("account_sid", c.accountSid());
    j.put("chat_service_sid", c.serviceSid());
    j.put("friendly_name", c.friendlyName());
    j.put("unique_name", c.uniqueName());
    j.put("attributes", c.attributes());
    j.put("state", c.state());
    j.put("created_by", c.createdBy());
    j.put("date_created", date(c.dateCreated()));
    j.put("date_updated", date(c.dateUpdated()));
    j.put("url", links.conversation(c.serviceSid(), c.sid()));
    ObjectNode l = j.putObject("links");
    l.put("messages", links.conversation(c.serviceSid(), c.sid()) + "/Messages");
    l.put("participants", links.conversation(c.serviceSid(), c.sid()) + "/Participants");
    syncObjects(j, objects);
    return j;
  }

  /** A row of the user's conversations: the conversation plus the user's own view of it. */
  ObjectNode membership(MembershipRecord m, SyncDirectory.ConversationObjects objects) {
    ObjectNode j = conversation(m.conversation(), objects);
    ParticipantRecord p = m.participant();
    j.put("status", "joined");
    j.put("participant_sid", p.sid());
    j.put("notification_level", p.notificationLevel());
    if (p.lastReadMessageIndex() == null) {
      j.putNull("last_read_message_index");
    } else {
      j.put("last_read_message_index", p.lastReadMessageIndex());
    }
    if (m.unreadMessagesCount() == null) {
      j.putNull("unread_messages_count");
    } else {
      j.put("unread_messages_count", m.unreadMessagesCount());
    }
    j.put("url", links.myConversations(p.serviceSid(), p.identity()) + "/" + p.conversationSid());
    return j;
  }

  private static void syncObjects(ObjectNode j, SyncDirectory.ConversationObjects objects) {
    ObjectNode s = j.putObject("sync_objects");
    s.put("conversation", objects.document());
    s.put("messages", objects.messages());
    s.put("participants", objects.roster());
  }

  ObjectNode message(MessageRecord m) {
    ObjectNode j = ClientBodies.object();
    j.put("sid", m.sid());
    j.put("conversation_sid", m.conversationSid());
    j.put("index", m.index());
    j.put("author", m.author());
    j.put("body", m.body());
    j.put("attributes", m.attributes());
    j.put("participant_sid", m.participantSid());
    j.put("date_created", date(m.dateCreated()));
    j.put("date_updated", date(m.dateUpdated()));
    j.put("url", links.conversation(m.serviceSid(), m.conversationSid()) + "/Messages/" + m.sid());
    return j;
  }

  ObjectNode participant(ParticipantRecord p) {
    ObjectNode j = ClientBodies.object();
    j.put("sid", p.sid());
    j.put("conversation_sid", p.conversationSid());
    j.put("identity", p.identity());
    j.put("attributes", p.attributes());
    j.put("role_sid", p.roleSid());
    j.put("date_created", date(p.dateCreated()));
    j.put("date_updated", date(p.dateUpdated()));
    j.put(
        "url",
        links.conversation(p.serviceSid(), p.conversationSid()) + "/Participants/" + p.sid());
    return j;
  }

  ObjectNode user(UserRecord u, SyncDirectory.UserObjects objects) {
    ObjectNode j = ClientBodies.object();
    j.put("sid", u.sid());
    j.put("identity", u.identity());
    j.put("friendly_name", u.friendlyName());
    j.put("attributes", u.attributes());
    j.put("role_sid", u.roleSid());
    j.put("date_created", date(u.dateCreated()));
    j.put("date_updated", date(u.dateUpdated()));
    j.put("url", links.user(u.serviceSid(), u.identity()));
    ObjectNode s = j.putObject("sync_objects");
    s.put("user_info_map", objects.userInfo());
    s.put("user_conversations_map", objects.conversations());
    return j;
  }

  private static String date(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
