package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.NewIdentityUser;
import dev.parley.events.Event;
import dev.parley.events.EventListener;
import dev.parley.events.EventType;
import dev.parley.store.ConversationRecord;
import dev.parley.store.Cursor;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the Sync objects the SDK reads in step with conversations, participants, messages and
 * users. It hears every change event inside the change's transaction (the outbox's listener), so
 * the realtime view is a projection of the same store the REST API reads, never a second truth.
 */
public final class SyncProjection implements EventListener {
  private static final int MAX_ROSTER = 10_000;
  private static final int PAGE = 1_000;
  private final Store store;
  private final SyncObjects objects;

  SyncProjection(Store store, SyncObjects objects) {
    this.store = store;
    this.objects = objects;
  }

  @Override
  public void recorded(Tx tx, Event e) {
    Seen seen = seen(tx);
    seen.remember(e.subject());
    switch (e.type()) {
      // Its objects are made when first needed (objectsOf): until then, nothing to keep in step.
      case CONVERSATION_ADDED -> seen.newConversations.add(e.conversationSid());
      case CONVERSATION_UPDATED, CONVERSATION_STATE_UPDATED ->
          conversation(tx, e).ifPresent(c -> existing(tx, c).ifPresent(o -> refresh(tx, c, o)));
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
                  : e.subject() instanceof NewIdentityUser n
                      ? Optional.of(n.user())
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

    /** Conversations this transaction added: none of them can have objects it did not make. */
    final Set<String> newConversations = new HashSet<>();

    /** Users whose identity was just generated: no maps can be keyed by it but theirs. */
    final Set<String> newIdentities = new HashSet<>();

    void remember(Object subject) {
      if (subject instanceof ConversationRecord c) {
        conversations.put(c.sid(), c);
      } else if (subject instanceof UserRecord u) {
        users.put(u.serviceSid() + "/" + u.identity(), u);
      } else if (subject instanceof NewIdentityUser n) {
        remember(n.user());
        newIdentities.add(n.user().serviceSid() + "/" + n.user().identity());
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

  /** The three objects of a conversation. */
  record ConversationObjects(
      SyncObjectRecord document, SyncObjectRecord messages, SyncObjectRecord roster) {}

  /**
   * The conversation's objects, made now if they never were: when a client first opens one (see
   * {@link #makeFor}) or the first message comes. Until then nobody reads them, and a web chat or a
   * conversation only ever used through REST never pays for them. They are made from the
   * conversation as it is, after taking turns with every transaction that changes it (on
   * PostgreSQL; SQLite has one writer), so that no change falls between the reading and the making:
   * its roster from its participants, and an empty messages list (a conversation without objects
   * has had no message since there were objects to hold one).
   */
  ConversationObjects objectsOf(Tx tx, ConversationRecord c) {
    store.events().serialize(tx, c.sid());
    return existing(tx, c).orElseGet(() -> make(tx, c));
  }

  /** The conversation's objects, if they were made. */
  private Optional<ConversationObjects> existing(Tx tx, ConversationRecord c) {
    boolean isNew = seen(tx).newConversations.contains(c.sid());
    return objects
        .existing(tx, c.serviceSid(), SyncNames.conversation(c.sid()), isNew)
        .map(
            document ->
                new ConversationObjects(
                    document,
                    ensure(tx, c, SyncNames.messages(c.sid()), SyncKind.LIST, isNew),
                    ensure(tx, c, SyncNames.roster(c.sid()), SyncKind.MAP, isNew)));
  }

  private SyncObjectRecord ensure(
      Tx tx, ConversationRecord c, String name, SyncKind kind, boolean fresh) {
    return objects.ensure(tx, c.accountSid(), c.serviceSid(), name, kind, null, fresh);
  }

  private ConversationObjects make(Tx tx, ConversationRecord c) {
    SyncObjectRecord messages = create(tx, c, SyncNames.messages(c.sid()), SyncKind.LIST, null);
    SyncObjectRecord roster = create(tx, c, SyncNames.roster(c.sid()), SyncKind.MAP, null);
    SyncObjectRecord document =
        create(
            tx,
            c,
            SyncNames.conversation(c.sid()),
            SyncKind.DOCUMENT,
            SyncShapes.conversation(c, messages.sid(), roster.sid(), null));
    for (ParticipantRecord p : participants(tx, c.sid())) {
      objects.addItem(tx, roster, p.sid(), null, SyncShapes.participant(p, userInfoOf(tx, p)));
    }
    return new ConversationObjects(document, messages, roster);
  }

  private SyncObjectRecord create(
      Tx tx, ConversationRecord c, String name, SyncKind kind, JsonNode data) {
    return objects.create(
        tx, c.accountSid(), c.serviceSid(), name, kind, SyncNames.sid(kind, c.sid()), data);
  }

  /**
   * Makes the objects that {@code id} (an object's SID or unique name) would be one of, if they
   * were never made: a conversation's three, or a user's profile map. Whether their owner exists.
   */
  boolean makeFor(Tx tx, String accountSid, String serviceSid, String id) {
    return makeConversationFor(tx, accountSid, serviceSid, id)
        || makeProfileFor(tx, accountSid, serviceSid, id);
  }

  private boolean makeConversationFor(Tx tx, String accountSid, String serviceSid, String id) {
    String conversationSid = SyncNames.conversationOf(id);
    if (conversationSid == null) {
      return false;
    }
    // Before the conversation is read: the document is made from it as it is.
    store.events().serialize(tx, conversationSid);
    Optional<ConversationRecord> c =
        store
            .conversations()
            .find(tx, serviceSid, conversationSid)
            .filter(found -> found.accountSid().equals(accountSid));
    c.ifPresent(found -> objectsOf(tx, found));
    return c.isPresent();
  }

  /** The conversation's participants, the first {@code MAX_ROSTER} of them. */
  private List<ParticipantRecord> participants(Tx tx, String conversationSid) {
    List<ParticipantRecord> all = new ArrayList<>();
    Cursor cursor = null;
    do {
      Slice<ParticipantRecord> page =
          store.participants().page(tx, conversationSid, new PageRequest(PAGE, cursor));
      all.addAll(page.items());
      cursor = page.next();
    } while (cursor != null && all.size() < MAX_ROSTER);
    return all;
  }

  /** The SID of the participant's user's profile map, or "" for one without a user. */
  private String userInfoOf(Tx tx, ParticipantRecord p) {
    return Optional.ofNullable(p.identity())
        .flatMap(identity -> user(tx, p.serviceSid(), identity))
        .map(u -> profileSid(tx, u, isNewIdentity(tx, u)))
        .orElse("");
  }

  private Optional<UserRecord> user(Tx tx, String serviceSid, String identity) {
    return Optional.ofNullable(seen(tx).users.get(serviceSid + "/" + identity))
        .or(() -> store.users().findByIdentity(tx, serviceSid, identity));
  }

  private void refresh(Tx tx, ConversationRecord c, ConversationObjects o) {
    SyncObjectRecord document = objects.current(tx, o.document());
    objects.updateDocument(
        tx,
        document,
        SyncShapes.conversation(
            c, o.messages().sid(), o.roster().sid(), SyncJson.parse(document.data())));
  }

  /** Heard before the conversation goes: its participants are still there to be told. */
  private void removeConversation(Tx tx, String serviceSid, String conversationSid) {
    for (ParticipantRecord p : participants(tx, conversationSid)) {
      if (p.identity() != null) {
        leave(tx, serviceSid, conversationSid, p.identity());
      }
    }
    for (String name :
        List.of(
            SyncNames.conversation(conversationSid),
            SyncNames.messages(conversationSid),
            SyncNames.roster(conversationSid))) {
      objects.find(tx, serviceSid, name).ifPresent(o -> objects.delete(tx, o));
    }
  }

  /**
   * A user's conversations map names the conversation's document by the SID it has, or will be made
   * with; the roster changes only if it was made.
   */
  private void putParticipant(Tx tx, ParticipantRecord p, boolean added) {
    ConversationRecord c =
        Optional.ofNullable(seen(tx).conversations.get(p.conversationSid()))
            .or(() -> store.conversations().find(tx, p.serviceSid(), p.conversationSid()))
            .orElse(null);
    if (c == null) {
      return;
    }
    Optional<ConversationObjects> o = existing(tx, c);
    String userInfo = "";
    UserRecord user =
        p.identity() == null ? null : user(tx, p.serviceSid(), p.identity()).orElse(null);
    if (user != null) {
      UserObjects maps = userObjects(tx, user);
      userInfo = maps.userInfo();
      String document =
          o.map(found -> found.document().sid()).orElse(SyncNames.sid(SyncKind.DOCUMENT, c.sid()));
      objects.putItem(tx, maps.conversations(), c.sid(), null, SyncShapes.membership(document, p));
    }
    if (o.isEmpty()) {
      return;
    }
    ObjectNode member = SyncShapes.participant(p, userInfo);
    if (added) {
      objects.addItem(tx, o.get().roster(), p.sid(), null, member);
    } else {
      objects.putItem(tx, o.get().roster(), p.sid(), null, member);
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
        .flatMap(c -> existing(tx, c))
        .ifPresent(
            o ->
                objects.putItem(
                    tx, o.messages(), Long.toString(m.index()), m.index(), SyncShapes.message(m)));
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

  /**
   * A user's conversations map, made with the user, and the SID of its profile map, which is made
   * when a client first opens it (see {@link #makeProfileFor}).
   */
  record UserObjects(SyncObjectRecord conversations, String userInfo) {}

  UserObjects userObjects(Tx tx, UserRecord u) {
    boolean fresh = isNewIdentity(tx, u);
    SyncObjectRecord conversations =
        objects.ensure(
            tx,
            u.accountSid(),
            u.serviceSid(),
            SyncNames.userConversations(u.identity()),
            SyncKind.MAP,
            null,
            fresh);
    return new UserObjects(conversations, profileSid(tx, u, fresh));
  }

  private boolean isNewIdentity(Tx tx, UserRecord u) {
    return seen(tx).newIdentities.contains(u.serviceSid() + "/" + u.identity());
  }

  /** The SID the user's profile map has, or will be made with. */
  private String profileSid(Tx tx, UserRecord u, boolean fresh) {
    return profile(tx, u, fresh)
        .map(SyncObjectRecord::sid)
        .orElse(SyncNames.sid(SyncKind.MAP, u.sid()));
  }

  private Optional<SyncObjectRecord> profile(Tx tx, UserRecord u, boolean fresh) {
    return objects.existing(tx, u.serviceSid(), SyncNames.userInfo(u.identity()), fresh);
  }

  /** A change of the user reaches its profile map, if that was made. */
  void putUser(Tx tx, UserRecord u) {
    profile(tx, u, isNewIdentity(tx, u)).ifPresent(info -> putProfile(tx, info, u));
  }

  private void putProfile(Tx tx, SyncObjectRecord info, UserRecord u) {
    objects.putItem(tx, info, "friendlyName", null, SyncShapes.friendlyName(u));
    objects.putItem(tx, info, "attributes", null, SyncShapes.attributes(u));
  }

  /**
   * Makes the profile map of the user that {@code id} (the map's SID or unique name) would belong
   * to, if it was never made; whether there is such a user in the account. It is made from the user
   * as it is after taking turns with every transaction that changes one of the account's users
   * (their events all take the account's turn), so no change falls between the reading and the
   * making.
   */
  private boolean makeProfileFor(Tx tx, String accountSid, String serviceSid, String id) {
    String sidOrIdentity = SyncNames.userOf(id);
    if (sidOrIdentity == null) {
      return false;
    }
    store.events().serialize(tx, accountSid);
    Optional<UserRecord> u =
        store
            .users()
            .find(tx, serviceSid, sidOrIdentity)
            .filter(found -> found.accountSid().equals(accountSid));
    u.filter(found -> profile(tx, found, false).isEmpty())
        .ifPresent(
            found ->
                putProfile(
                    tx,
                    objects.create(
                        tx,
                        found.accountSid(),
                        found.serviceSid(),
                        SyncNames.userInfo(found.identity()),
                        SyncKind.MAP,
                        SyncNames.sid(SyncKind.MAP, found.sid()),
                        null),
                    found));
    return u.isPresent();
  }
}
