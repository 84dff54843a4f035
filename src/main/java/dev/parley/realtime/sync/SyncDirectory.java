package dev.parley.realtime.sync;

import dev.parley.store.ConversationRecord;
import dev.parley.store.Store;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.Optional;

/** Where the Sync objects of conversations and users are, for the answers that name them. */
public final class SyncDirectory {
  private final Store store;
  private final SyncProjection projection;

  SyncDirectory(Store store, SyncProjection projection) {
    this.store = store;
    this.projection = projection;
  }

  /** The SIDs of a conversation's document, messages list and roster map. */
  public record ConversationObjects(String document, String messages, String roster) {}

  /** The SIDs of a user's conversations map and profile map. */
  public record UserObjects(String conversations, String userInfo) {}

  public Optional<ConversationObjects> conversation(
      Tx tx, String serviceSid, String conversationSid) {
    Optional<SyncObjectRecord> document =
        store.sync().find(tx, serviceSid, SyncNames.conversation(conversationSid));
    Optional<SyncObjectRecord> messages =
        store.sync().find(tx, serviceSid, SyncNames.messages(conversationSid));
    Optional<SyncObjectRecord> roster =
        store.sync().find(tx, serviceSid, SyncNames.roster(conversationSid));
    if (document.isEmpty() || messages.isEmpty() || roster.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConversationObjects(document.get().sid(), messages.get().sid(), roster.get().sid()));
  }

  /** The conversation's objects, created inside {@code tx} when missing. */
  public ConversationObjects ensureConversation(Tx tx, ConversationRecord c) {
    SyncProjection.ConversationObjects o = projection.objectsOf(tx, c);
    return new ConversationObjects(o.document().sid(), o.messages().sid(), o.roster().sid());
  }

  public Optional<UserObjects> user(Tx tx, String serviceSid, String identity) {
    Optional<SyncObjectRecord> conversations =
        store.sync().find(tx, serviceSid, SyncNames.userConversations(identity));
    Optional<SyncObjectRecord> info =
        store.sync().find(tx, serviceSid, SyncNames.userInfo(identity));
    if (conversations.isEmpty() || info.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UserObjects(conversations.get().sid(), info.get().sid()));
  }

  /** The user's maps, created (with the profile's items) inside {@code tx} when missing. */
  public UserObjects ensureUser(Tx tx, UserRecord user) {
    SyncProjection.UserObjects o = projection.userObjects(tx, user);
    projection.putUser(tx, user);
    return new UserObjects(o.conversations().sid(), o.userInfo().sid());
  }
}
