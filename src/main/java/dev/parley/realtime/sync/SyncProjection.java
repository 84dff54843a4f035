package dev.parley.realtime.sync;

import dev.parley.conversation.MessagePosted;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    seen(tx).remember(e.subject());
    switch (e.type()) {
      case CONVERSATION_ADDED -> conversation(tx, e).ifPresent(c -> objectsOf(tx, c, true));
      case CONVERSATION_UPDATED, CONVERSATION_STATE_UPDATED ->
          conversation(tx, e).ifPresent(c -> refresh(tx, c));
      case CONVERSATION_REMOVED -> removeConversation(tx, e.serviceSid(), e.conversationSid());
      case PARTICIPANT_ADDED, PARTICIPANT_UPDATED ->
          (e.subject() instanceof ParticipantRecord p
                  ? Optional.of(p)
                  : store
                      .participants()
                      .find(tx, e.conversationSid(), e.fields().get("ParticipantSid")))
              .ifPresent(p -> putParticipant(tx, p, e.type() == EventType.PARTICIPANT_ADDED));
      case PARTICIPANT_REMOVED ->
          removeParticipant(
              tx,
              e.serviceSid(),
              e.conversationSid(),
              e.fields().get("ParticipantSid"),
              e.fields().get("Identity"));
      case MESSAGE_ADDED -> {
        if (e.subject() instanceof MessagePosted posted) {
          addMessage(tx, posted.conversation(), posted.message());
        } else {
          store
              .messages()
              .find(tx, e.conversationSid(), e.fields().get("MessageSid"))
              .ifPresent(m -> conversationOf(tx, m).ifPresent(c -> addMessage(tx, c, m)));
        }
      }
      case MESSAGE_UPDATED ->
          store
              .messages()
              .find(tx, e.conversationSid(), e.fields().get("MessageSid"))
              .ifPresent(m -> updateMessage(tx, m));
      case MESSAGE_REMOVED -> removeMessage(tx, e.serviceSid(), e.conversationSid(), e.fields());
      case USER_ADDED, USER_UPDATED ->
          (e.subject() instanceof UserRecord u
                  ? Optional.of(u)
                  : store.users().find(tx, e.serviceSid(), e.fields().get("UserSid")))
              .ifPresent(u -> putUser(tx, u));
      default -> {}
    }
  }

  /**
   * The conversations and users this transaction's events carried, so that a participant added
   * after them (a web chat's visitor) need not read them back. Only their SIDs and names are used.
   */
  private static final class Seen {
    final Map<String, ConversationRecord> conversations = new HashMap<>();
    final Map<String, UserRecord> users = new HashMap<>();

    void remember(Object subject) {
      if (subject instanceof ConversationRecord c) {
        conversations.put(c.sid(), c);
      } else if (subject instanceof UserRecord u) {
        users.put(u.serviceSid() + "/" + u.identity(), u);
      }
    }
  }

  private static Seen seen(Tx tx) {
    return tx.memo(Seen.class, Seen::new);
  }

  /** The conversation as the change left it: the event's subject, or read again. */
  private Optional<ConversationRecord> conversation(Tx tx, Event e) {
    return e.subject() instanceof ConversationRecord c
        ? Optional.of(c)
        : store.conversations().find(tx, e.serviceSid(), e.conversationSid());
  }

  /** The three objects of a conversation, created when missing. */
  record ConversationObjects(
      SyncObjectRecord document, SyncObjectRecord messages, SyncObjectRecord roster) {}

  ConversationObjects objectsOf(Tx tx, ConversationRecord c) {
    return objectsOf(tx, c, false);
  }

  /** {@code fresh}: the conversation was just created, so none of its objects can exist yet. */
  private ConversationObjects objectsOf(Tx tx, ConversationRecord c, boolean fresh) {
    SyncObjectRecord messages = ensure(tx, c, SyncNames.messages(c.sid()), SyncKind.LIST, fresh);
    SyncObjectRecord roster = ensure(tx, c, SyncNames.roster(c.sid()), SyncKind.MAP, fresh);
    SyncObjectRecord document =
        objects.ensure(
            tx,
            c.accountSid(),
            c.serviceSid(),
            SyncNames.conversation(c.sid()),
            SyncKind.DOCUMENT,
            SyncShapes.conversation(c, messages.sid(), roster.sid(), null),
            fresh);
    return new ConversationObjects(document, messages, roster);
  }

  private SyncObjectRecord ensure(
      Tx tx, ConversationRecord c, String name, SyncKind kind, boolean fresh) {
    return objects.ensure(tx, c.accountSid(), c.serviceSid(), name, kind, null, fresh);
  }

  private void refresh(Tx tx, ConversationRecord c) {
    ConversationObjects o = objectsOf(tx, c);
    SyncObjectRecord document = objects.current(tx, o.document());
    objects.updateDocument(
        tx,
        document,
        SyncShapes.conversation(
            c, o.messages().sid(), o.roster().sid(), SyncJson.parse(document.data())));
  }

  private void removeConversation(Tx tx, String serviceSid, String conversationSid) {
    objects
        .find(tx, serviceSid, SyncNames.roster(conversationSid))
        .ifPresent(
            roster -> {
              List<SyncItemRecord> members = objects.items(tx, roster, MAX_ROSTER);
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

  private void putParticipant(Tx tx, ParticipantRecord p, boolean added) {
    Seen seen = seen(tx);
    ConversationRecord c =
        Optional.ofNullable(seen.conversations.get(p.conversationSid()))
            .or(() -> store.conversations().find(tx, p.serviceSid(), p.conversationSid()))
            .orElse(null);
    if (c == null) {
      return;
    }
    ConversationObjects o = objectsOf(tx, c);
    String userInfo = "";
    if (p.identity() != null) {
      UserRecord user =
          Optional.ofNullable(seen.users.get(p.serviceSid() + "/" + p.identity()))
              .or(() -> store.users().findByIdentity(tx, p.serviceSid(), p.identity()))
              .orElse(null);
      if (user != null) {
        UserObjects maps = userObjects(tx, user);
        userInfo = maps.userInfo().sid();
        objects.putItem(
            tx, maps.conversations(), c.sid(), null, SyncShapes.membership(o.document().sid(), p));
      }
    }
    if (added) {
      objects.addItem(tx, o.roster(), p.sid(), null, SyncShapes.participant(p, userInfo));
    } else {
      objects.putItem(tx, o.roster(), p.sid(), null, SyncShapes.participant(p, userInfo));
    }
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

  /**
   * A new message: a list item (message indexes are never reused, so there is none to look for) and
   * the document's {@code lastMessage}, rebuilt from the conversation in hand rather than read
   * back.
   */
  private void addMessage(Tx tx, ConversationRecord c, MessageRecord m) {
    ConversationObjects o = objectsOf(tx, c);
    objects.addItem(tx, o.messages(), Long.toString(m.index()), m.index(), SyncShapes.message(m));
    objects.updateDocument(
        tx,
        o.document(),
        SyncShapes.withLastMessage(
            SyncShapes.conversation(c, o.messages().sid(), o.roster().sid(), null), m));
  }

  private void updateMessage(Tx tx, MessageRecord m) {
    conversationOf(tx, m)
        .ifPresent(
            c ->
                objects.putItem(
                    tx,
                    objectsOf(tx, c).messages(),
                    Long.toString(m.index()),
                    m.index(),
                    SyncShapes.message(m)));
  }

  private Optional<ConversationRecord> conversationOf(Tx tx, MessageRecord m) {
    return store.conversations().find(tx, m.serviceSid(), m.conversationSid());
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
            null,
            false),
        objects.ensure(
            tx,
            u.accountSid(),
            u.serviceSid(),
            SyncNames.userInfo(u.identity()),
            SyncKind.MAP,
            null,
            false));
  }

  void putUser(Tx tx, UserRecord u) {
    SyncObjectRecord info = userObjects(tx, u).userInfo();
    objects.putItem(tx, info, "friendlyName", null, SyncShapes.friendlyName(u));
    objects.putItem(tx, info, "attributes", null, SyncShapes.attributes(u));
  }
}
