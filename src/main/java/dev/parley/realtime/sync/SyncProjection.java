package dev.parley.realtime.sync;

import dev.parley.events.Event;
import dev.parley.events.EventListener;
import dev.parley.events.EventType;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Store;
import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.List;
import java.util.Map;

/**
 * Keeps the Sync objects the SDK reads in step with conversations, participants, messages and
 * users. It hears every change event inside the change's transaction (the outbox's listener), so
 * the realtime view is a projection of the same store the REST API reads, never a second truth.
 */
public final class SyncProjection implements EventListener {
  private static final int MAX_ROSTER = 10_000;
  private final Store store;
  private final SyncObjects objects;

  SyncProjection(Store store, SyncObjects objects) {
    this.store = store;
    this.objects = objects;
  }

  @Override
  public void recorded(Tx tx, Event e) {
    switch (e.type()) {
      case CONVERSATION_ADDED, CONVERSATION_UPDATED, CONVERSATION_STATE_UPDATED ->
          store
              .conversations()
              .find(tx, e.serviceSid(), e.conversationSid())
              .ifPresent(c -> refresh(tx, c));
      case CONVERSATION_REMOVED -> removeConversation(tx, e.serviceSid(), e.conversationSid());
      case PARTICIPANT_ADDED, PARTICIPANT_UPDATED ->
          store
              .participants()
              .find(tx, e.conversationSid(), e.fields().get("ParticipantSid"))
              .ifPresent(p -> putParticipant(tx, p));
      case PARTICIPANT_REMOVED ->
          removeParticipant(
              tx,
              e.serviceSid(),
              e.conversationSid(),
              e.fields().get("ParticipantSid"),
              e.fields().get("Identity"));
      case MESSAGE_ADDED, MESSAGE_UPDATED ->
          store
              .messages()
              .find(tx, e.conversationSid(), e.fields().get("MessageSid"))
              .ifPresent(m -> putMessage(tx, m, e.type() == EventType.MESSAGE_ADDED));
      case MESSAGE_REMOVED -> removeMessage(tx, e.serviceSid(), e.conversationSid(), e.fields());
      case USER_ADDED, USER_UPDATED ->
          store
              .users()
              .find(tx, e.serviceSid(), e.fields().get("UserSid"))
              .ifPresent(u -> putUser(tx, u));
      default -> {}
    }
  }

  /** The three objects of a conversation, created when missing. */
  record ConversationObjects(
      SyncObjectRecord document, SyncObjectRecord messages, SyncObjectRecord roster) {}

  ConversationObjects objectsOf(Tx tx, ConversationRecord c) {
    SyncObjectRecord messages =
        objects.ensure(
            tx, c.accountSid(), c.serviceSid(), SyncNames.messages(c.sid()), SyncKind.LIST, null);
    SyncObjectRecord roster =
        objects.ensure(
            tx, c.accountSid(), c.serviceSid(), SyncNames.roster(c.sid()), SyncKind.MAP, null);
    SyncObjectRecord document =
        objects.ensure(
            tx,
            c.accountSid(),
            c.serviceSid(),
            SyncNames.conversation(c.sid()),
            SyncKind.DOCUMENT,
            SyncShapes.conversation(c, messages.sid(), roster.sid(), null));
    return new ConversationObjects(document, messages, roster);
  }

  private ConversationObjects refresh(Tx tx, ConversationRecord c) {
    ConversationObjects o = objectsOf(tx, c);
    objects.updateDocument(
        tx,
        o.document(),
        SyncShapes.conversation(
            c, o.messages().sid(), o.roster().sid(), SyncJson.parse(o.document().data())));
    return o;
  }

  private void removeConversation(Tx tx, String serviceSid, String conversationSid) {
    objects
        .find(tx, serviceSid, SyncNames.roster(conversationSid))
        .ifPresent(
            roster -> {
              List<SyncItemRecord> members =
                  store.sync().items(tx, roster.sid(), false, null, false, MAX_ROSTER);
              for (SyncItemRecord member : members) {
                var identity = SyncJson.parse(member.data()).get("identity");
                if (identity != null && !identity.isNull()) {
                  leave(tx, serviceSid, conversationSid, identity.asText());
                }
              }
            });
    for (String name :
        List.of(
            SyncNames.conversation(conversationSid),
            SyncNames.messages(conversationSid),
            SyncNames.roster(conversationSid))) {
      objects.find(tx, serviceSid, name).ifPresent(o -> objects.delete(tx, o));
    }
  }

  private void putParticipant(Tx tx, ParticipantRecord p) {
    ConversationRecord c =
        store.conversations().find(tx, p.serviceSid(), p.conversationSid()).orElse(null);
    if (c == null) {
      return;
    }
    ConversationObjects o = objectsOf(tx, c);
    String userInfo = "";
    if (p.identity() != null) {
      UserRecord user = store.users().findByIdentity(tx, p.serviceSid(), p.identity()).orElse(null);
      if (user != null) {
        userInfo = userObjects(tx, user).userInfo().sid();
        objects.putItem(
            tx,
            userObjects(tx, user).conversations(),
            c.sid(),
            null,
            SyncShapes.membership(o.document().sid(), p));
      }
    }
    objects.putItem(tx, o.roster(), p.sid(), null, SyncShapes.participant(p, userInfo));
  }

  private void removeParticipant(
      Tx tx, String serviceSid, String conversationSid, String participantSid, String identity) {
    objects
        .find(tx, serviceSid, SyncNames.roster(conversationSid))
        .ifPresent(roster -> objects.removeItem(tx, roster, participantSid));
    if (identity != null) {
      leave(tx, serviceSid, conversationSid, identity);
    }
  }

  private void leave(Tx tx, String serviceSid, String conversationSid, String identity) {
    objects
        .find(tx, serviceSid, SyncNames.userConversations(identity))
        .ifPresent(map -> objects.removeItem(tx, map, conversationSid));
  }

  private void putMessage(Tx tx, MessageRecord m, boolean added) {
    ConversationRecord c =
        store.conversations().find(tx, m.serviceSid(), m.conversationSid()).orElse(null);
    if (c == null) {
      return;
    }
    ConversationObjects o = objectsOf(tx, c);
    objects.putItem(tx, o.messages(), Long.toString(m.index()), m.index(), SyncShapes.message(m));
    if (added) {
      objects.updateDocument(
          tx, o.document(), SyncShapes.withLastMessage(SyncJson.parse(o.document().data()), m));
    }
  }

  private void removeMessage(
      Tx tx, String serviceSid, String conversationSid, Map<String, String> fields) {
    String index = fields.get("Index");
    if (index == null) {
      return;
    }
    objects
        .find(tx, serviceSid, SyncNames.messages(conversationSid))
        .ifPresent(list -> objects.removeItem(tx, list, index));
  }

  /** A user's two maps: its conversations and its profile. */
  record UserObjects(SyncObjectRecord conversations, SyncObjectRecord userInfo) {}

  UserObjects userObjects(Tx tx, UserRecord u) {
    return new UserObjects(
        objects.ensure(
            tx,
            u.accountSid(),
            u.serviceSid(),
            SyncNames.userConversations(u.identity()),
            SyncKind.MAP,
            null),
        objects.ensure(
            tx,
            u.accountSid(),
            u.serviceSid(),
            SyncNames.userInfo(u.identity()),
            SyncKind.MAP,
            null));
  }

  void putUser(Tx tx, UserRecord u) {
    SyncObjectRecord info = userObjects(tx, u).userInfo();
    objects.putItem(tx, info, "friendlyName", null, SyncShapes.friendlyName(u));
    objects.putItem(tx, info, "attributes", null, SyncShapes.attributes(u));
  }
}
