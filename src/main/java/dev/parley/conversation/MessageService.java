package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.MessageSid;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Attributes;
import dev.parley.media.MediaAttachments;
import dev.parley.media.MediaAttachments.Attachment;
import dev.parley.media.MediaService;
import dev.parley.shapes.DeliverySummary;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore.IndexTaken;
import dev.parley.store.ConversationStore.IndexWanted;
import dev.parley.store.DeliveryReceiptStore.StatusCount;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Posts, reads, edits and removes conversation messages. Each message gets the next index of its
 * conversation inside the posting transaction, so indices are gap-free and in commit order.
 */
public final class MessageService {
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final ConversationService conversations;
  private final ChangeEvents events;
  private final PreActions pre;
  private final MediaAttachments attachments;
  private final MediaService media;

  public MessageService(
      Store store,
      Clock clock,
      SidGenerator sids,
      ConversationService conversations,
      ChangeEvents events,
      PreActions pre,
      MediaService media) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.conversations = conversations;
    this.events = events;
    this.pre = pre;
    this.media = media;
    this.attachments = new MediaAttachments(store, clock, media.limits());
  }

  public Message create(
      Scope scope, ConversationRef conversationSidOrUniqueName, NewMessage request) {
    NewMessage checked =
        PreActions.applyTo(scope)
            ? preAction(scope, conversations.find(scope, conversationSidOrUniqueName), request)
            : request;
    // Made before the writer's turn: the writer's time is what every message waits for.
    String sid = sids.next(SidPrefix.MESSAGE);
    String author = authorOf(checked);
    // Named up front, so that the store may take several posts' indexes at once.
    IndexWanted wanted =
        new IndexWanted(
            scope.accountSid(),
            scope.serviceSid(),
            conversationSidOrUniqueName.value(),
            MessageRules.SYSTEM_AUTHOR.equals(author) ? null : author);
    return store.write(
        wanted,
        tx -> {
          MessageRecord message = post(tx, scope, conversationSidOrUniqueName, checked, sid);
          // A message just posted has no delivery receipts to count.
          return new Message(message, DeliverySummary.of(List.of()));
        });
  }

  /**
   * Asks the pre-action webhook about a message, its media described (and checked, so a refused
   * medium is refused before the webhook is called).
   */
  private NewMessage preAction(Scope scope, ConversationRecord conversation, NewMessage request) {
    Attachment attachment =
        request.contentSid() != null
            ? null
            : store.read(
                tx ->
                    attachments.prepare(
                        tx,
                        conversation.accountSid(),
                        conversation.serviceSid(),
                        authorOf(request),
                        request.mediaSids()));
    return pre.messageAdd(
        scope, conversation, request, attachment == null ? null : attachment.json());
  }

  private static String authorOf(NewMessage request) {
    return request.author() == null || request.author().isEmpty()
        ? MessageRules.SYSTEM_AUTHOR
        : request.author();
  }

  /**
   * Posts a message inside a caller's transaction: runs no pre-action, so refuses an SDK change
   * ({@link PreActions#requireNone}).
   */
  public MessageRecord create(
      Tx tx, Scope scope, ConversationRef conversationSidOrUniqueName, NewMessage request) {
    PreActions.requireNone(scope);
    return post(tx, scope, conversationSidOrUniqueName, request, sids.next(SidPrefix.MESSAGE));
  }

  /**
   * 404 for an unknown conversation, 50377 when it is closed; a {@code ContentSid} makes Parley
   * ignore {@code Body} and {@code MediaSid}, as Twilio does. Media named by {@code MediaSid} are
   * attached (see {@link MediaAttachments#prepare} for which may be).
   */
  private MessageRecord post(
      Tx tx,
      Scope scope,
      ConversationRef conversationSidOrUniqueName,
      NewMessage request,
      String sid) {
    boolean templated = request.contentSid() != null;
    String author = authorOf(request);
    // The conversation as it is once this message's index is taken, and the author's participant
    // (none for system): read once, in the statement that takes the index, and passed down. What
    // throws after it (media only) rolls the index back with the transaction.
    IndexTaken taken =
        conversations.takeMessageIndex(
            tx,
            scope,
            conversationSidOrUniqueName,
            MessageRules.SYSTEM_AUTHOR.equals(author) ? null : author);
    ConversationRecord conversation = taken.conversation();
    Attachment attachment =
        templated
            ? null
            : attachments.prepare(
                tx,
                conversation.accountSid(),
                conversation.serviceSid(),
                author,
                request.mediaSids());
    Instant created = request.dateCreated() == null ? clock.instant() : request.dateCreated();
    MessageRecord message =
        new MessageRecord(
            sid,
            conversation.accountSid(),
            conversation.serviceSid(),
            conversation.sid(),
            conversation.lastMessageIndex(),
            author,
            templated ? null : request.body(),
            request.attributes() == null ? "{}" : request.attributes().json(),
            taken.authorParticipantSid(),
            attachment == null ? null : attachment.json(),
            request.contentSid(),
            request.contentVariables(),
            request.subject(),
            created,
            request.dateUpdated());
    store.messages().insert(tx, message);
    if (attachment != null) {
      attachments.attach(tx, attachment, conversation.sid(), message.sid());
    }
    conversations.noteActivity(tx, conversation);
    events.messageAdded(tx, scope.origin(), conversation, message);
    return message;
  }

  public Message find(Scope scope, ConversationRef conversationSidOrUniqueName, MessageSid sid) {
    return store.read(
        tx -> withDelivery(tx, List.of(find(tx, scope, conversationSidOrUniqueName, sid))).get(0));
  }

  /** The message of the conversation in scope, or a 404 naming what is missing. */
  public MessageRecord find(
      Tx tx, Scope scope, ConversationRef conversationSidOrUniqueName, MessageSid sid) {
    ConversationRecord conversation = conversations.find(tx, scope, conversationSidOrUniqueName);
    return store
        .messages()
        .find(tx, conversation.sid(), sid.value())
        .orElseThrow(ApiException::notFound);
  }

  public Slice<Message> page(
      Scope scope,
      ConversationRef conversationSidOrUniqueName,
      boolean descending,
      PageRequest page) {
    return store.read(
        tx -> {
          ConversationRecord conversation =
              conversations.find(tx, scope, conversationSidOrUniqueName);
          Slice<MessageRecord> slice =
              store.messages().page(tx, conversation.sid(), descending, page);
          return new Slice<>(withDelivery(tx, slice.items()), slice.next(), slice.previous());
        });
  }

  /** Edits a message; its {@code date_updated} becomes now unless the caller sets it. */
  public Message update(
      Scope scope,
      ConversationRef conversationSidOrUniqueName,
      MessageSid sid,
      MessageChanges request) {
    MessageChanges changes =
        PreActions.applyTo(scope)
            ? pre.messageUpdate(
                scope, store.read(tx -> find(tx, scope, conversationSidOrUniqueName, sid)), request)
            : request;
    return store.write(
        tx -> {
          ConversationRecord conversation =
              conversations.findOpen(tx, scope, conversationSidOrUniqueName);
          MessageRecord m =
              store
                  .messages()
                  .find(tx, conversation.sid(), sid.value())
                  .orElseThrow(ApiException::notFound);
          String author = changes.author() == null ? m.author() : changes.author();
          MessageRecord updated =
              new MessageRecord(
                  m.sid(),
                  m.accountSid(),
                  m.serviceSid(),
                  m.conversationSid(),
                  m.index(),
                  author,
                  or(changes.body(), m.body()),
                  or(Attributes.json(changes.attributes()), m.attributes()),
                  author.equals(m.author())
                      ? m.participantSid()
                      : participantSid(tx, m.conversationSid(), author),
                  m.media(),
                  m.contentSid(),
                  m.contentVariables(),
                  or(changes.subject(), m.subject()),
                  or(changes.dateCreated(), m.dateCreated()),
                  changes.dateUpdated() == null ? clock.instant() : changes.dateUpdated());
          store.messages().update(tx, updated);
          events.messageUpdated(tx, scope.origin(), updated);
          return withDelivery(tx, List.of(updated)).get(0);
        });
  }

  /**
   * Removes a message. Allowed in a closed conversation, as deleting the conversation itself is:
   * removing content (e.g. personal data) is not a change to the conversation.
   */
  public void delete(Scope scope, ConversationRef conversationSidOrUniqueName, MessageSid sid) {
    if (PreActions.applyTo(scope)) {
      pre.messageRemove(scope, store.read(tx -> find(tx, scope, conversationSidOrUniqueName, sid)));
    }
    List<String> deletedMedia =
        store.write(
            tx -> {
              MessageRecord message = find(tx, scope, conversationSidOrUniqueName, sid);
              List<String> mediaSids = attachments.trashOfMessage(tx, message.sid());
              store.messages().delete(tx, message.sid());
              events.messageRemoved(tx, scope.origin(), message, clock.instant());
              return mediaSids;
            });
    media.emptyTrash(deletedMedia);
  }

  /** The author's participant in the conversation; none for {@code system} or strangers. */
  private String participantSid(Tx tx, String conversationSid, String author) {
    if (MessageRules.SYSTEM_AUTHOR.equals(author)) {
      return null;
    }
    return store.messages().participantSid(tx, conversationSid, author).orElse(null);
  }

  private List<Message> withDelivery(Tx tx, List<MessageRecord> messages) {
    List<String> sids = messages.stream().map(MessageRecord::sid).toList();
    Map<String, List<StatusCount>> counts =
        store.deliveryReceipts().statusCounts(tx, sids).stream()
            .collect(Collectors.groupingBy(StatusCount::messageSid));
    return messages.stream()
        .map(m -> new Message(m, DeliverySummary.of(counts.getOrDefault(m.sid(), List.of()))))
        .toList();
  }
}
