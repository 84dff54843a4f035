package dev.parley.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.ParticipantRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes of a user's own view of one conversation (a participant with its conversation): the
 * REST User Conversations and Participant Conversations rows, the SDK's {@code M/{sid}} answer and
 * the item of the user's conversations map. The conversation's own fields come from {@link
 * ConversationShapes} where the shapes share them.
 */
public final class MembershipShapes {
  /**
   * The participant components each shape leaves out, and why ({@code ShapesCoverageTest}); the
   * conversation's are those of its {@link ConversationShapes} shape (REST for the REST rows,
   * CLIENT for the SDK's answer) and, in the Sync item, all but its SID (the document it names).
   */
  public static final List<LeftOut> LEFT_OUT =
      List.of(
          // REST: user_conversation, the user's side of the membership.
          new LeftOut(Shape.REST, "accountSid", "the conversation's account_sid"),
          new LeftOut(Shape.REST, "serviceSid", "the conversation's chat_service_sid"),
          new LeftOut(Shape.REST, "conversationSid", "the conversation's conversation_sid"),
          new LeftOut(Shape.REST, "identity", "the user's own"),
          new LeftOut(Shape.REST, "attributes", "the conversation's attributes are shown"),
          new LeftOut(Shape.REST, "messagingBinding", "a user's participant is a chat one"),
          new LeftOut(Shape.REST, "bindingAddress", "a user's participant is a chat one"),
          new LeftOut(Shape.REST, "bindingProxyAddress", "a user's participant is a chat one"),
          new LeftOut(Shape.REST, "roleSid", "not in user_conversation"),
          new LeftOut(Shape.REST, "lastReadTimestamp", "not in user_conversation"),
          new LeftOut(Shape.REST, "dateCreated", "the conversation's dates are shown"),
          new LeftOut(Shape.REST, "dateUpdated", "the conversation's dates are shown"),
          // CLIENT: the SDK's M/{sid} answer, the conversation plus the user's own fields.
          new LeftOut(Shape.CLIENT, "accountSid", "the conversation's account_sid"),
          new LeftOut(Shape.CLIENT, "serviceSid", "the conversation's chat_service_sid"),
          new LeftOut(Shape.CLIENT, "conversationSid", "the conversation's sid"),
          new LeftOut(Shape.CLIENT, "identity", "the caller's own (in the url)"),
          new LeftOut(Shape.CLIENT, "attributes", "the conversation's attributes are shown"),
          new LeftOut(Shape.CLIENT, "messagingBinding", "a user's participant is a chat one"),
          new LeftOut(Shape.CLIENT, "bindingAddress", "a user's participant is a chat one"),
          new LeftOut(Shape.CLIENT, "bindingProxyAddress", "a user's participant is a chat one"),
          new LeftOut(Shape.CLIENT, "roleSid", "read from the roster item"),
          new LeftOut(Shape.CLIENT, "lastReadTimestamp", "read from the roster item"),
          new LeftOut(Shape.CLIENT, "dateCreated", "the conversation's dates are shown"),
          new LeftOut(Shape.CLIENT, "dateUpdated", "the conversation's dates are shown"),
          // SYNC: an item of the user's conversations map, keyed by the conversation SID.
          new LeftOut(Shape.SYNC, "sid", "in the roster item"),
          new LeftOut(Shape.SYNC, "accountSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "serviceSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "conversationSid", "the item's key"),
          new LeftOut(Shape.SYNC, "identity", "the map is the user's"),
          new LeftOut(Shape.SYNC, "attributes", "in the roster item"),
          new LeftOut(Shape.SYNC, "messagingBinding", "a user's participant is a chat one"),
          new LeftOut(Shape.SYNC, "bindingAddress", "a user's participant is a chat one"),
          new LeftOut(Shape.SYNC, "bindingProxyAddress", "a user's participant is a chat one"),
          new LeftOut(Shape.SYNC, "roleSid", "in the roster item"),
          new LeftOut(Shape.SYNC, "lastReadTimestamp", "in the roster item"),
          new LeftOut(Shape.SYNC, "dateCreated", "in the roster item"),
          new LeftOut(Shape.SYNC, "dateUpdated", "in the roster item"));

  private MembershipShapes() {}

  /** REST: {@code conversations.v1.user.user_conversation}. */
  public record UserConversation(
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
      Map<String, String> links) {}

  /**
   * REST: a user's conversation at {@code url}; {@code conversationUrl} is the conversation's own,
   * which the {@code links} name.
   */
  public static UserConversation userConversation(
      MembershipRecord m, String userSid, String url, String conversationUrl) {
    ConversationRecord c = m.conversation();
    ParticipantRecord p = m.participant();
    return new UserConversation(
        c.accountSid(),
        c.serviceSid(),
        c.sid(),
        m.unreadMessagesCount(),
        p.lastReadMessageIndex(),
        p.sid(),
        userSid,
        c.friendlyName(),
        c.state(),
        ConversationShapes.timers(c),
        c.attributes(),
        c.dateCreated(),
        c.dateUpdated(),
        c.createdBy(),
        p.notificationLevel(),
        c.uniqueName(),
        url,
        links(p, conversationUrl));
  }

  /** REST: one ParticipantConversations row ({@code participant_conversation}). */
  public record ParticipantConversation(
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
      Map<String, String> links) {}

  /** REST: a participant conversation; {@code conversationUrl} is the conversation's own. */
  public static ParticipantConversation participantConversation(
      MembershipRecord m, String conversationUrl) {
    ConversationRecord c = m.conversation();
    ParticipantRecord p = m.participant();
    return new ParticipantConversation(
        c.accountSid(),
        c.serviceSid(),
        p.sid(),
        m.userSid(),
        p.identity(),
        ParticipantShapes.messagingBinding(p),
        c.sid(),
        c.uniqueName(),
        c.friendlyName(),
        c.attributes(),
        c.dateCreated(),
        c.dateUpdated(),
        c.createdBy(),
        c.state(),
        ConversationShapes.timers(c),
        links(p, conversationUrl));
  }

  private static Map<String, String> links(ParticipantRecord p, String conversationUrl) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("participant", conversationUrl + "/Participants/" + p.sid());
    links.put("conversation", conversationUrl);
    return links;
  }

  /**
   * CLIENT: the user's view of one conversation at {@code url}: the conversation's answer (at
   * {@code conversationUrl}) plus the user's own fields.
   */
  public static ObjectNode client(
      MembershipRecord m,
      String url,
      String conversationUrl,
      ConversationShapes.SyncObjects objects) {
    ObjectNode j = ConversationShapes.client(m.conversation(), conversationUrl, objects);
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
    j.put("url", url);
    return j;
  }

  /** SYNC: an item of the user's conversations map, naming the conversation's document. */
  public static ObjectNode sync(String documentSid, ParticipantRecord p) {
    ObjectNode d = WireJson.object();
    d.put("channel", documentSid);
    d.put("status", "joined");
    d.put("notificationLevel", p.notificationLevel());
    if (p.lastReadMessageIndex() == null) {
      d.putNull("lastConsumedMessageIndex");
    } else {
      d.put("lastConsumedMessageIndex", p.lastReadMessageIndex());
    }
    return d;
  }
}
