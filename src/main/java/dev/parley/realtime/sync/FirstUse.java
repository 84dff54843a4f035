package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.shapes.ConversationShapes;
import dev.parley.shapes.ParticipantShapes;
import dev.parley.shapes.UserShapes;
import dev.parley.store.ConversationRecord;
import dev.parley.store.Cursor;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Sync objects made when first needed rather than with their owner: a conversation's three
 * (when a client first opens one, or its first message comes) and a user's profile map (when first
 * opened). Each is made from its owner as it is then, after taking turns with every transaction
 * that changes the owner, and named before it exists by a SID derived from the owner's.
 */
final class FirstUse {
  private static final int MAX_ROSTER = 10_000;
  private static final int PAGE = 1_000;

  /** About 1 KB each, the three records: some 10 MB for the busiest conversations. */
  private static final int KNOWN_CONVERSATIONS = 10_000;

  private final Store store;
  private final SyncObjects objects;
  private final KnownConversations known = new KnownConversations(KNOWN_CONVERSATIONS);

  FirstUse(Store store, SyncObjects objects) {
    this.store = store;
    this.objects = objects;
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
    return existing(tx, c).orElseGet(() -> remembered(tx, c, make(tx, c)));
  }

  /**
   * The conversation's objects, if they were made: those kept once committed ({@link
   * KnownConversations}), else looked up by name.
   */
  Optional<ConversationObjects> existing(Tx tx, ConversationRecord c) {
    boolean isNew = Seen.in(tx).newConversations.contains(c.sid());
    ConversationObjects kept = isNew ? null : known.get(c.sid());
    if (kept != null) {
      return Optional.of(kept);
    }
    return objects
        .existing(tx, c.serviceSid(), SyncNames.conversation(c.sid()), isNew)
        .map(
            document ->
                remembered(
                    tx,
                    c,
                    new ConversationObjects(
                        document,
                        ensure(tx, c, SyncNames.messages(c.sid()), SyncKind.LIST, isNew),
                        ensure(tx, c, SyncNames.roster(c.sid()), SyncKind.MAP, isNew))));
  }

  /** Only what commits is kept: objects made in a transaction rolled back never were. */
  private ConversationObjects remembered(Tx tx, ConversationRecord c, ConversationObjects o) {
    tx.afterCommit(() -> known.put(c.sid(), o));
    return o;
  }

  /**
   * The conversation's objects go with it ({@code tx} deletes them): none is kept once it commits.
   */
  void forget(Tx tx, String conversationSid) {
    tx.afterCommit(() -> known.remove(conversationSid));
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
            ConversationShapes.sync(c, messages.sid(), roster.sid(), null));
    for (ParticipantRecord p : participants(tx, c.sid())) {
      objects.addItem(tx, roster, p.sid(), null, ParticipantShapes.sync(p, userInfoOf(tx, p)));
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
  List<ParticipantRecord> participants(Tx tx, String conversationSid) {
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

  Optional<UserRecord> user(Tx tx, String serviceSid, String identity) {
    return Optional.ofNullable(Seen.in(tx).users.get(serviceSid + "/" + identity))
        .or(() -> store.users().findByIdentity(tx, serviceSid, identity));
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
    return Seen.in(tx).newIdentities.contains(u.serviceSid() + "/" + u.identity());
  }

  /** The SID the user's profile map has, or will be made with. */
  private String profileSid(Tx tx, UserRecord u, boolean fresh) {
    return profile(tx, u, fresh)
        .map(SyncObjectRecord::sid)
        .orElse(SyncNames.sid(SyncKind.MAP, u.sid()));
  }

  /** The user's profile map, if it was made. */
  Optional<SyncObjectRecord> profile(Tx tx, UserRecord u) {
    return profile(tx, u, isNewIdentity(tx, u));
  }

  private Optional<SyncObjectRecord> profile(Tx tx, UserRecord u, boolean fresh) {
    return objects.existing(tx, u.serviceSid(), SyncNames.userInfo(u.identity()), fresh);
  }

  void putProfile(Tx tx, SyncObjectRecord info, UserRecord u) {
    UserShapes.sync(u).forEach((key, item) -> objects.putItem(tx, info, key, null, item));
  }

  /**
   * Makes the profile map of the user that {@code id} (the map's SID or unique name) would belong
   * to, if it was never made; whether there is such a user in the account. It is made from the user
   * as it is after taking turns with every transaction that changes the user (its events take the
   * user's turn), so no change falls between the reading and the making.
   */
  private boolean makeProfileFor(Tx tx, String accountSid, String serviceSid, String id) {
    String sidOrIdentity = SyncNames.userOf(id);
    if (sidOrIdentity == null) {
      return false;
    }
    Optional<UserRecord> u =
        store
            .users()
            .find(tx, serviceSid, sidOrIdentity)
            .filter(found -> found.accountSid().equals(accountSid))
            .flatMap(
                found -> {
                  // Read again after the turn: a change committed meanwhile is in what is made.
                  store.events().serialize(tx, found.sid());
                  return store.users().find(tx, serviceSid, found.sid());
                });
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
