package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.events.Change.ConversationChanged;
import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Change.MessageChanged;
import dev.parley.events.Change.ParticipantChanged;
import dev.parley.events.Change.StateChanged;
import dev.parley.events.Change.UserChanged;
import dev.parley.events.Event;
import dev.parley.events.EventListener;
import dev.parley.events.EventType;
import dev.parley.shapes.ConversationShapes;
import dev.parley.shapes.ConversationShapes.SyncSource;
import dev.parley.shapes.MembershipShapes;
import dev.parley.shapes.MessageShapes;
import dev.parley.shapes.ParticipantShapes;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Store;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the Sync objects the SDK reads in step with conversations, participants, messages and
 * users. It hears every change event inside the change's transaction (the outbox's listener), so
 * the realtime view is a projection of the same store the REST API reads, never a second truth.
 */
public final class SyncProjection implements EventListener {
  private static final int MAX_PARTED = 100;

  /** Some 16 MB of document texts: a few thousand busy conversations' (see DocumentTexts). */
  private static final long DOCUMENT_CHARS = 8L << 20;

  private final Store store;
  private final SyncObjects objects;
  private final FirstUse firstUse;
  private final DocumentTexts documents = new DocumentTexts(DOCUMENT_CHARS);

  SyncProjection(Store store, SyncObjects objects, FirstUse firstUse) {
    this.store = store;
    this.objects = objects;
    this.firstUse = firstUse;
  }

  @Override
  public void recorded(Tx tx, Event e) {
    Seen seen = Seen.in(tx);
    seen.remember(e.change());
    switch (e.type()) {
      // Its objects are made when first needed (FirstUse): until then, nothing to keep in step.
      case CONVERSATION_ADDED -> seen.newConversations.add(e.conversationSid());
      case CONVERSATION_UPDATED ->
          updateConversation(tx, e.change(ConversationChanged.class).conversation());
      case CONVERSATION_STATE_UPDATED -> updateConversation(tx, e.change(StateChanged.class).to());
      case CONVERSATION_REMOVED -> removeConversation(tx, e.serviceSid(), e.conversationSid());
      case PARTICIPANT_ADDED, PARTICIPANT_UPDATED ->
          putParticipant(
              tx,
              e.change(ParticipantChanged.class).participant(),
              e.type() == EventType.PARTICIPANT_ADDED);
      case PARTICIPANT_REMOVED ->
          removeParticipant(tx, e.change(ParticipantChanged.class).participant());
      case MESSAGE_ADDED -> {
        MessageAdded added = e.change(MessageAdded.class);
        addMessage(tx, added.conversation(), added.message());
      }
      case MESSAGE_UPDATED -> {
        // Read back, so the item's dates are the stored ones (milliseconds), as REST shows them.
        MessageRecord m = e.change(MessageChanged.class).message();
        store
            .messages()
            .find(tx, m.conversationSid(), m.sid())
            .ifPresent(stored -> updateMessage(tx, stored));
      }
      case MESSAGE_REMOVED -> removeMessage(tx, e.change(MessageChanged.class).message());
      case USER_ADDED, USER_UPDATED -> putUser(tx, e.change(UserChanged.class).user());
      default -> {}
    }
  }

  private void updateConversation(Tx tx, ConversationRecord c) {
    firstUse.existing(tx, c).ifPresent(o -> refresh(tx, c, o));
  }

  private void refresh(Tx tx, ConversationRecord c, FirstUse.ConversationObjects o) {
    SyncObjectRecord document = objects.current(tx, o.document());
    objects.updateDocument(
        tx,
        document,
        SyncJson.write(
            ConversationShapes.sync(
                c, o.messages().sid(), o.roster().sid(), SyncJson.parse(document.data()))));
  }

  /** Heard before the conversation goes: its participants are still there to be told. */
  private void removeConversation(Tx tx, String serviceSid, String conversationSid) {
    List<SyncObjectRecord> made = made(tx, serviceSid, conversationSid);
    List<String> identities =
        firstUse.participants(tx, conversationSid).stream()
            .map(ParticipantRecord::identity)
            .filter(Objects::nonNull)
            .toList();
    identities.forEach(identity -> leave(tx, serviceSid, conversationSid, identity));
    made.forEach(o -> objects.delete(tx, o));
    firstUse.forget(tx, conversationSid);
    identities.forEach(identity -> ended(tx, serviceSid, identity, made));
  }

  /** The conversation's objects that were made. */
  private List<SyncObjectRecord> made(Tx tx, String serviceSid, String conversationSid) {
    return Stream.of(
            SyncNames.conversation(conversationSid),
            SyncNames.messages(conversationSid),
            SyncNames.roster(conversationSid))
        .flatMap(name -> objects.find(tx, serviceSid, name).stream())
        .toList();
  }

  /**
   * A user's conversations map names the conversation's document by the SID it has, or will be made
   * with; the roster changes only if it was made.
   */
  private void putParticipant(Tx tx, ParticipantRecord p, boolean added) {
    ConversationRecord c =
        Optional.ofNullable(Seen.in(tx).conversations.get(p.conversationSid()))
            .or(() -> store.conversations().find(tx, p.serviceSid(), p.conversationSid()))
            .orElse(null);
    if (c == null) {
      return;
    }
    Optional<FirstUse.ConversationObjects> o = firstUse.existing(tx, c);
    String userInfo = "";
    UserRecord user =
        p.identity() == null ? null : firstUse.user(tx, p.serviceSid(), p.identity()).orElse(null);
    if (user != null) {
      FirstUse.UserObjects maps = firstUse.userObjects(tx, user);
      userInfo = maps.userInfo();
      String document =
          o.map(found -> found.document().sid()).orElse(SyncNames.sid(SyncKind.DOCUMENT, c.sid()));
      objects.putItem(tx, maps.conversations(), c.sid(), null, MembershipShapes.sync(document, p));
    }
    if (o.isEmpty()) {
      return;
    }
    ObjectNode member = ParticipantShapes.sync(p, userInfo);
    if (added) {
      objects.addItem(tx, o.get().roster(), p.sid(), null, member);
    } else {
      objects.putItem(tx, o.get().roster(), p.sid(), null, member);
    }
  }

  private void removeParticipant(Tx tx, ParticipantRecord p) {
    String serviceSid = p.serviceSid();
    String conversationSid = p.conversationSid();
    String identity = p.identity();
    objects
        .find(tx, serviceSid, SyncNames.roster(conversationSid))
        .ifPresent(roster -> objects.removeItem(tx, roster, p.sid()));
    if (identity != null) {
      leave(tx, serviceSid, conversationSid, identity);
      ended(tx, serviceSid, identity, made(tx, serviceSid, conversationSid));
      parted(tx, serviceSid, conversationSid, identity);
    }
  }

  /**
   * The removed user and the participants it no longer meets in any conversation stop hearing of
   * each other's profile: a profile is for those who share a conversation ({@link SyncAccess}). One
   * indexed lookup per remaining participant, for the first {@code MAX_PARTED} of them.
   */
  private void parted(Tx tx, String serviceSid, String conversationSid, String identity) {
    Optional<SyncObjectRecord> mine = objects.find(tx, serviceSid, SyncNames.userInfo(identity));
    for (ParticipantRecord p :
        store.participants().page(tx, conversationSid, PageRequest.first(MAX_PARTED)).items()) {
      String other = p.identity();
      if (other == null
          || other.equals(identity)
          || store.participants().meet(tx, serviceSid, identity, other)) {
        continue;
      }
      objects
          .find(tx, serviceSid, SyncNames.userInfo(other))
          .ifPresent(theirs -> ended(tx, serviceSid, identity, List.of(theirs)));
      mine.ifPresent(profile -> ended(tx, serviceSid, other, List.of(profile)));
    }
  }

  private void leave(Tx tx, String serviceSid, String conversationSid, String identity) {
    objects
        .find(tx, serviceSid, SyncNames.userConversations(identity))
        .ifPresent(map -> objects.removeItem(tx, map, conversationSid));
  }

  /**
   * Once this commits, after the removal's own events, every node drops the user's subscriptions to
   * the conversation's objects: a removed participant hears nothing more of the conversation, even
   * from a client that keeps its subscriptions.
   */
  private void ended(Tx tx, String serviceSid, String identity, List<SyncObjectRecord> made) {
    if (!made.isEmpty()) {
      List<String> sids = made.stream().map(SyncObjectRecord::sid).toList();
      store
          .broadcasts()
          .send(tx, Sync.ACCESS_CHANNEL, MembershipEnded.encode(serviceSid, identity, sids));
    }
  }

  /**
   * A new message: a list item (message indexes are never reused, so there is none to look for) and
   * the document's {@code lastMessage}, written from the conversation in hand rather than read
   * back, into the document's text kept without it ({@link DocumentTexts}).
   */
  private void addMessage(Tx tx, ConversationRecord c, MessageRecord m) {
    FirstUse.ConversationObjects o = firstUse.objectsOf(tx, c);
    SyncSource source = SyncSource.of(c, o.messages().sid(), o.roster().sid());
    objects.addItemAndUpdateDocument(
        tx,
        o.messages(),
        Long.toString(m.index()),
        m.index(),
        MessageShapes.syncText(m),
        o.document(),
        documents.of(c.sid(), source).withLastMessage(m));
  }

  private void updateMessage(Tx tx, MessageRecord m) {
    conversationOf(tx, m)
        .flatMap(c -> firstUse.existing(tx, c))
        .ifPresent(
            o ->
                objects.putItem(
                    tx, o.messages(), Long.toString(m.index()), m.index(), MessageShapes.sync(m)));
  }

  private Optional<ConversationRecord> conversationOf(Tx tx, MessageRecord m) {
    return store.conversations().find(tx, m.serviceSid(), m.conversationSid());
  }

  private void removeMessage(Tx tx, MessageRecord m) {
    objects
        .find(tx, m.serviceSid(), SyncNames.messages(m.conversationSid()))
        .ifPresent(list -> objects.removeItem(tx, list, Long.toString(m.index())));
  }

  /** A change of the user reaches its profile map, if that was made. */
  void putUser(Tx tx, UserRecord u) {
    firstUse.profile(tx, u).ifPresent(info -> firstUse.putProfile(tx, info, u));
  }
}
