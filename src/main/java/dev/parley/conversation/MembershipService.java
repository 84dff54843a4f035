package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.UserRef;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MembershipRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * The conversations a person takes part in: a user's (the User Conversation resource, whose changes
 * land on the user's participant) and anyone's by identity or address (ParticipantConversations).
 */
public final class MembershipService {
  private final Store store;
  private final UserService users;
  private final ConversationService conversations;
  private final ParticipantService participants;

  public MembershipService(
      Store store,
      UserService users,
      ConversationService conversations,
      ParticipantService participants) {
    this.store = store;
    this.users = users;
    this.conversations = conversations;
    this.participants = participants;
  }

  /** A page of a user's memberships, with the user the path named. */
  public record UserMemberships(UserRecord user, Slice<MembershipRecord> page) {}

  public UserMemberships ofUser(Scope scope, UserRef user, PageRequest page) {
    return store.read(
        tx -> {
          UserRecord u = users.find(tx, scope, user);
          return new UserMemberships(
              u, store.memberships().byIdentity(tx, scope.serviceSid(), u.identity(), page));
        });
  }

  public MembershipRecord find(Scope scope, UserRef user, ConversationRef conversation) {
    return store.read(
        tx -> find(tx, users.find(tx, scope, user), conversations.find(tx, scope, conversation)));
  }

  /** Sets the user's notification level and read horizon in one conversation. */
  public MembershipRecord update(
      Scope scope,
      UserRef user,
      ConversationRef conversation,
      NotificationLevel level,
      Optional<Long> lastReadMessageIndex,
      Instant lastReadTimestamp) {
    return store.write(
        tx -> {
          UserRecord u = users.find(tx, scope, user);
          ConversationRecord c = conversations.findOpen(tx, scope, conversation);
          MembershipRecord current = find(tx, u, c);
          participants.update(
              tx,
              scope,
              c,
              current.participant(),
              ParticipantChanges.reading(level, lastReadMessageIndex, lastReadTimestamp));
          return find(tx, u, c);
        });
  }

  /** Removes the user's participant from the conversation. */
  public void delete(Scope scope, UserRef user, ConversationRef conversation) {
    store.write(
        tx -> {
          MembershipRecord membership =
              find(tx, users.find(tx, scope, user), conversations.find(tx, scope, conversation));
          participants.remove(tx, scope, membership.participant());
          return null;
        });
  }

  /**
   * The conversation {@code identity} takes part in, or 403 with 50430, what Twilio answers the SDK
   * for a conversation its identity is not in (agents included: no role reads others' chats).
   */
  public ConversationRecord joined(Scope scope, String identity, ConversationRef conversation) {
    return store.read(
        tx -> {
          ConversationRecord c = conversations.find(tx, scope, conversation);
          store
              .participants()
              .findByIdentity(tx, c.sid(), identity)
              .orElseThrow(() -> new ApiException(TwilioError.NOT_A_PARTICIPANT, c.sid()));
          return c;
        });
  }

  /** Whether the two identities take part in a conversation together. */
  public boolean meet(Scope scope, String identity, String other) {
    return store.read(tx -> store.participants().meet(tx, scope.serviceSid(), identity, other));
  }

  /** The memberships of the chat participants with {@code identity}. */
  public Slice<MembershipRecord> byIdentity(Scope scope, String identity, PageRequest page) {
    return store.read(tx -> store.memberships().byIdentity(tx, scope.serviceSid(), identity, page));
  }

  /** The memberships of the participants bound to {@code address}. */
  public Slice<MembershipRecord> byAddress(Scope scope, String address, PageRequest page) {
    return store.read(tx -> store.memberships().byAddress(tx, scope.serviceSid(), address, page));
  }

  private MembershipRecord find(Tx tx, UserRecord user, ConversationRecord conversation) {
    return store
        .memberships()
        .find(tx, conversation.sid(), user.identity())
        .orElseThrow(ApiException::notFound);
  }
}
