package dev.parley.realtime.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.realtime.sync.SyncDirectory;
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
 * The JSON the SDK's commands answer with (docs/realtime-protocol.md §3.3): each entity's {@code
 * CLIENT} shape ({@code dev.parley.shapes}) with the absolute links of the tunnelled commands and
 * the Sync objects the SDK follows.
 */
final class ClientJson {
  private final ClientLinks links;

  ClientJson(ClientLinks links) {
    this.links = links;
  }

  ObjectNode conversation(ConversationRecord c, SyncDirectory.ConversationObjects objects) {
    return ConversationShapes.client(
        c, links.conversation(c.serviceSid(), c.sid()), syncObjects(objects));
  }

  /** A row of the user's conversations: the conversation plus the user's own view of it. */
  ObjectNode membership(MembershipRecord m, SyncDirectory.ConversationObjects objects) {
    ParticipantRecord p = m.participant();
    return MembershipShapes.client(
        m,
        links.myConversations(p.serviceSid(), p.identity()) + "/" + p.conversationSid(),
        links.conversation(m.conversation().serviceSid(), m.conversation().sid()),
        syncObjects(objects));
  }

  private static ConversationShapes.SyncObjects syncObjects(
      SyncDirectory.ConversationObjects objects) {
    return new ConversationShapes.SyncObjects(
        objects.document(), objects.messages(), objects.roster());
  }

  ObjectNode message(MessageRecord m) {
    return MessageShapes.client(
        m, links.conversation(m.serviceSid(), m.conversationSid()) + "/Messages/" + m.sid());
  }

  ObjectNode participant(ParticipantRecord p) {
    return ParticipantShapes.client(
        p, links.conversation(p.serviceSid(), p.conversationSid()) + "/Participants/" + p.sid());
  }

  ObjectNode user(UserRecord u, SyncDirectory.UserObjects objects) {
    return UserShapes.client(
        u, links.user(u.serviceSid(), u.identity()), objects.userInfo(), objects.conversations());
  }
}
