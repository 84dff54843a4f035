package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.store.Store;
import dev.parley.store.SyncObjectRecord;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.util.Optional;

/** Where the Sync objects of conversations and users are, for the answers that name them. */
public final class SyncDirectory {
  private final Store store;
  private final FirstUse firstUse;

  SyncDirectory(Store store, FirstUse firstUse) {
    this.store = store;
    this.firstUse = firstUse;
  }

  /** The SIDs of a conversation's document, messages list and roster map. */
  public record ConversationObjects(String document, String messages, String roster) {}

  /** The SIDs of a user's conversations map and profile map. */
  public record UserObjects(String conversations, String userInfo) {}

  /** {@link #conversation(Tx, String, String)} in a read of its own. */
  public ConversationObjects conversation(String serviceSid, String conversationSid) {
    return store.read(tx -> conversation(tx, serviceSid, conversationSid));
  }

  /**
   * The SIDs of the conversation's objects: those they were made with, or those they will be made
   * with when first opened ({@link FirstUse}).
   */
  public ConversationObjects conversation(Tx tx, String serviceSid, String conversationSid) {
    Optional<SyncObjectRecord> document =
        store.sync().find(tx, serviceSid, SyncNames.conversation(conversationSid));
    if (document.isEmpty()) {
      return new ConversationObjects(
          SyncNames.sid(SyncKind.DOCUMENT, conversationSid),
          SyncNames.sid(SyncKind.LIST, conversationSid),
          SyncNames.sid(SyncKind.MAP, conversationSid));
    }
    // Made with other SIDs before objects were made on first use: read the document's links.
    JsonNode data = SyncJson.parse(document.get().data());
    return new ConversationObjects(
        document.get().sid(), data.path("messages").asText(), data.path("roster").asText());
  }

  /**
   * The SIDs of the user's maps: the conversations map's (empty when it was never made, for a user
   * older than them) and the profile map's, as made or as it will be made when first opened.
   */
  public Optional<UserObjects> user(Tx tx, String serviceSid, String identity) {
    Optional<SyncObjectRecord> conversations =
        store.sync().find(tx, serviceSid, SyncNames.userConversations(identity));
    if (conversations.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> info =
        store
            .sync()
            .find(tx, serviceSid, SyncNames.userInfo(identity))
            .map(SyncObjectRecord::sid)
            .or(
                () ->
                    store
                        .users()
                        .findByIdentity(tx, serviceSid, identity)
                        .map(u -> SyncNames.sid(SyncKind.MAP, u.sid())));
    return info.map(sid -> new UserObjects(conversations.get().sid(), sid));
  }

  /** {@link #user(Tx, String, String)} in a read of its own. */
  public Optional<UserObjects> user(String serviceSid, String identity) {
    return store.read(tx -> user(tx, serviceSid, identity));
  }

  /** {@link #ensureUser(Tx, UserRecord)} in a write of its own. */
  public UserObjects ensureUser(UserRecord user) {
    return store.write(tx -> ensureUser(tx, user));
  }

  /** The user's maps, the conversations map made inside {@code tx} when missing. */
  public UserObjects ensureUser(Tx tx, UserRecord user) {
    FirstUse.UserObjects o = firstUse.userObjects(tx, user);
    return new UserObjects(o.conversations().sid(), o.userInfo());
  }
}
