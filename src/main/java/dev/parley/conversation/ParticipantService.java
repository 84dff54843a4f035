package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.ParticipantRef;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Attributes;
import dev.parley.shapes.MessagingBinding;
import dev.parley.store.ConversationRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import dev.parley.store.UserRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is in a conversation. One participant per identity per conversation (50433); one open
 * conversation per address and proxy address pair (50416), since that pair routes inbound messages;
 * nothing changes in a closed conversation (50377).
 */
public final class ParticipantService {
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final ConversationService conversations;
  private final UserService users;
  private final ChangeEvents events;
  private final PreActions pre;

  public ParticipantService(
      Store store,
      Clock clock,
      SidGenerator sids,
      ConversationService conversations,
      UserService users,
      ChangeEvents events,
      PreActions pre) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.conversations = conversations;
    this.users = users;
    this.events = events;
    this.pre = pre;
  }

  public ParticipantRecord create(
      Scope scope, ConversationRef conversation, NewParticipant request) {
    if (PreActions.applyTo(scope)) {
      pre.participantAdd(scope, conversations.find(scope, conversation), request);
    }
    return store.write(
        tx -> add(tx, scope, conversations.findOpen(tx, scope, conversation), request));
  }

  /**
   * Adds a participant inside a caller's transaction (ConversationWithParticipants, the console):
   * runs no pre-action, so refuses an SDK change ({@link PreActions#requireNone}).
   */
  public ParticipantRecord create(
      Tx tx, Scope scope, ConversationRecord conversation, NewParticipant request) {
    PreActions.requireNone(scope);
    return add(tx, scope, conversation, request);
  }

  /** A chat participant whose identity has no user yet gets one, as Twilio does. */
  private ParticipantRecord add(
      Tx tx, Scope scope, ConversationRecord conversation, NewParticipant request) {
    if (request.identity() != null) {
      users.findOrCreate(tx, scope, request.identity(), null);
    }
    return insert(tx, scope, conversation, request, true);
  }

  /**
   * Adds {@code user}, whom the caller has just found or created in this transaction, as the first
   * chat participant of {@code conversation}, which the caller has just created (web chats): nobody
   * can hold the identity in it yet, so that is not looked up.
   */
  public ParticipantRecord addChat(
      Tx tx, Scope scope, ConversationRecord conversation, UserRecord user, Attributes attributes) {
    PreActions.requireNone(scope);
    return insert(tx, scope, conversation, NewParticipant.chat(user.identity(), attributes), false);
  }

  private ParticipantRecord insert(
      Tx tx,
      Scope scope,
      ConversationRecord conversation,
      NewParticipant request,
      boolean mayHoldIdentity) {
    requireOpen(conversation);
    if (mayHoldIdentity && request.identity() != null) {
      requireFreeIdentity(tx, conversation, request.identity());
    }
    MessagingBinding binding = request.binding();
    if (binding != null) {
      requireFreeBinding(tx, conversation, null, binding);
    }
    Instant now = clock.instant();
    Instant created = request.dateCreated() == null ? now : request.dateCreated();
    ParticipantRecord participant =
        new ParticipantRecord(
            sids.next(SidPrefix.PARTICIPANT),
            scope.accountSid(),
            conversation.serviceSid(),
            conversation.sid(),
            request.identity(),
            request.attributes() == null ? "{}" : request.attributes().json(),
            binding == null ? null : binding.json(),
            binding == null ? null : binding.address(),
            binding == null ? null : binding.proxyAddress(),
            request.roleSid() == null ? defaultRole(tx, scope) : request.roleSid(),
            null,
            null,
            NotificationLevel.DEFAULT.wire(),
            created,
            request.dateUpdated() == null ? created : request.dateUpdated());
    store.participants().insert(tx, participant);
    events.participantAdded(tx, scope.origin(), participant);
    return participant;
  }

  public ParticipantRecord find(
      Scope scope, ConversationRef conversation, ParticipantRef participant) {
    return store.read(tx -> find(tx, conversations.find(tx, scope, conversation), participant));
  }

  /** The participant by SID or identity, or a 404 naming it. */
  public ParticipantRecord find(
      Tx tx, ConversationRecord conversation, ParticipantRef participant) {
    return store
        .participants()
        .find(tx, conversation.sid(), participant.value())
        .orElseThrow(ApiException::notFound);
  }

  public Slice<ParticipantRecord> page(
      Scope scope, ConversationRef conversation, PageRequest page) {
    return store.read(
        tx ->
            store.participants().page(tx, conversations.find(tx, scope, conversation).sid(), page));
  }

  public ParticipantRecord update(
      Scope scope,
      ConversationRef conversation,
      ParticipantRef participant,
      ParticipantChanges changes) {
    if (PreActions.applyTo(scope)) {
      pre.participantUpdate(scope, find(scope, conversation, participant), changes);
    }
    return store.write(
        tx -> {
          ConversationRecord c = conversations.findOpen(tx, scope, conversation);
          return update(tx, scope, c, find(tx, c, participant), changes);
        });
  }

  /** Applies {@code changes} to {@code current} inside a caller's transaction. */
  public ParticipantRecord update(
      Tx tx,
      Scope scope,
      ConversationRecord conversation,
      ParticipantRecord current,
      ParticipantChanges changes) {
    requireOpen(conversation);
    String identity = current.identity();
    if (changes.identity() != null && !changes.identity().equals(identity)) {
      requireFreeIdentity(tx, conversation, changes.identity());
      users.findOrCreate(tx, scope, changes.identity(), null);
      identity = changes.identity();
    }
    MessagingBinding was = MessagingBinding.parse(current.messagingBinding());
    MessagingBinding binding =
        new MessagingBinding(
            was.address(),
            pick(changes.proxyAddress(), was.proxyAddress()),
            pick(changes.projectedAddress(), was.projectedAddress()));
    if (binding.address() != null && !Objects.equals(binding.proxyAddress(), was.proxyAddress())) {
      requireFreeBinding(tx, conversation, current.sid(), binding);
    }
    Instant now = clock.instant();
    Long lastRead = pick(changes.lastReadMessageIndex(), current.lastReadMessageIndex());
    String lastReadAt = current.lastReadTimestamp();
    if (changes.lastReadTimestamp() != null) {
      lastReadAt = iso(changes.lastReadTimestamp());
    } else if (changes.lastReadMessageIndex() != null) {
      // Moving the read horizon stamps when it moved, as the SDK's setLastReadMessageIndex does.
      lastReadAt = lastRead == null ? null : iso(now);
    }
    ParticipantRecord updated =
        new ParticipantRecord(
            current.sid(),
            current.accountSid(),
            current.serviceSid(),
            current.conversationSid(),
            identity,
            or(Attributes.json(changes.attributes()), current.attributes()),
            binding.isEmpty() ? null : binding.json(),
            binding.address(),
            binding.proxyAddress(),
            or(changes.roleSid(), current.roleSid()),
            lastRead,
            lastReadAt,
            changes.notificationLevel() == null
                ? current.notificationLevel()
                : changes.notificationLevel().wire(),
            or(changes.dateCreated(), current.dateCreated()),
            changes.dateUpdated() == null ? now : changes.dateUpdated());
    store.participants().update(tx, updated);
    events.participantUpdated(tx, scope.origin(), updated);
    return updated;
  }

  public void delete(Scope scope, ConversationRef conversation, ParticipantRef participant) {
    if (PreActions.applyTo(scope)) {
      pre.participantRemove(scope, find(scope, conversation, participant));
    }
    store.write(
        tx -> {
          ConversationRecord c = conversations.find(tx, scope, conversation);
          drop(tx, scope, find(tx, c, participant));
          return null;
        });
  }

  /**
   * Removes {@code participant} inside a caller's transaction (the console's transfer, a REST
   * user-conversation delete): runs no pre-action, so refuses an SDK change ({@link
   * PreActions#requireNone}).
   */
  public void remove(Tx tx, Scope scope, ParticipantRecord participant) {
    PreActions.requireNone(scope);
    drop(tx, scope, participant);
  }

  private void drop(Tx tx, Scope scope, ParticipantRecord participant) {
    store.participants().delete(tx, participant.sid());
    events.participantRemoved(tx, scope.origin(), participant, clock.instant());
  }

  private static void requireOpen(ConversationRecord conversation) {
    if (ConversationState.of(conversation) == ConversationState.CLOSED) {
      throw new ApiException(TwilioError.CONVERSATION_CLOSED);
    }
  }

  private void requireFreeIdentity(Tx tx, ConversationRecord conversation, String identity) {
    if (store.participants().findByIdentity(tx, conversation.sid(), identity).isPresent()) {
      throw new ApiException(TwilioError.PARTICIPANT_EXISTS);
    }
  }

  /** 50416 when another participant already holds this address and proxy address pair. */
  private void requireFreeBinding(
      Tx tx, ConversationRecord conversation, String self, MessagingBinding binding) {
    boolean taken =
        store.participants().withAddress(tx, conversation.sid(), binding.address()).stream()
            .anyMatch(
                p ->
                    !p.sid().equals(self)
                        && Objects.equals(p.bindingProxyAddress(), binding.proxyAddress()));
    if (taken) {
      throw new ApiException(TwilioError.BINDING_EXISTS, conversation.sid());
    }
    if (binding.proxyAddress() != null) {
      store
          .participants()
          .openConversationWithBinding(
              tx,
              conversation.serviceSid(),
              conversation.sid(),
              binding.address(),
              binding.proxyAddress())
          .ifPresent(
              other -> {
                throw new ApiException(TwilioError.BINDING_EXISTS, other);
              });
    }
  }

  private String defaultRole(Tx tx, Scope scope) {
    return store
        .services()
        .find(tx, scope.accountSid(), scope.serviceSid())
        .map(s -> s.defaultConversationRoleSid())
        .orElse(null);
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static <T> T pick(Optional<T> change, T current) {
    return change == null ? current : change.orElse(null);
  }
}
