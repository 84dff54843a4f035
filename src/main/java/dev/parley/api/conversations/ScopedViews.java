package dev.parley.api.conversations;

import dev.parley.conversation.Message;
import dev.parley.http.PublicUrl;
import dev.parley.shapes.ConversationShapes;
import dev.parley.shapes.MembershipShapes;
import dev.parley.shapes.MessageShapes;
import dev.parley.shapes.ParticipantShapes;
import dev.parley.shapes.UserShapes;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.UserRecord;

/**
 * Each entity's REST shape ({@code dev.parley.shapes}) at its URL: the short path ({@code /v1}) or
 * its service-scoped twin ({@code prefix}), on Parley's public base.
 */
final class ScopedViews {
  private ScopedViews() {}

  /**
   * The {@code chat_service_sid} to show: the service-scoped schemas have the field, the short-path
   * ones do not, so it is null (and left out) under {@code /v1}.
   */
  static String serviceSid(String prefix, String serviceSid) {
    return prefix.startsWith("/v1/Services/") ? serviceSid : null;
  }

  static ConversationShapes.Rest conversation(ConversationRecord c, PublicUrl base, String prefix) {
    return ConversationShapes.rest(c, conversationUrl(c.sid(), base, prefix));
  }

  static ParticipantShapes.Rest participant(ParticipantRecord p, PublicUrl base, String prefix) {
    return ParticipantShapes.rest(
        p,
        serviceSid(prefix, p.serviceSid()),
        conversationUrl(p.conversationSid(), base, prefix) + "/Participants/" + p.sid());
  }

  static MessageShapes.Rest message(Message message, PublicUrl base, String prefix) {
    MessageRecord m = message.record();
    return MessageShapes.rest(
        m,
        message.delivery(),
        serviceSid(prefix, m.serviceSid()),
        base.of(messagePath(prefix, m.conversationSid(), m.sid())));
  }

  static String messagePath(String prefix, String conversationSid, String messageSid) {
    return prefix + "/Conversations/" + conversationSid + "/Messages/" + messageSid;
  }

  static UserShapes.Rest user(UserRecord u, PublicUrl base, String prefix) {
    return UserShapes.rest(u, base.of(prefix + "/Users/" + u.sid()));
  }

  static MembershipShapes.UserConversation userConversation(
      MembershipRecord m, String userSid, PublicUrl base, String prefix) {
    return MembershipShapes.userConversation(
        m,
        userSid,
        base.of(prefix + "/Users/" + userSid + "/Conversations/" + m.conversation().sid()),
        conversationUrl(m.participant().conversationSid(), base, prefix));
  }

  static MembershipShapes.ParticipantConversation participantConversation(
      MembershipRecord m, PublicUrl base, String prefix) {
    return MembershipShapes.participantConversation(
        m, conversationUrl(m.participant().conversationSid(), base, prefix));
  }

  private static String conversationUrl(String conversationSid, PublicUrl base, String prefix) {
    return base.of(prefix + "/Conversations/" + conversationSid);
  }
}
