package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.EventFields;
import dev.parley.events.PreAction;
import dev.parley.events.PreActionHook;
import dev.parley.events.PreActionHook.Verdict;
import dev.parley.media.MediaAttachments;
import dev.parley.store.ConversationRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.ParticipantRecord;
import dev.parley.store.UserRecord;
import java.util.function.Consumer;

/**
 * Puts SDK changes to the account's or service's pre-action webhook before they happen
 * (https://www.twilio.com/docs/conversations/conversations-webhooks): a 4xx/5xx answer rejects the
 * change, a 200 with JSON may rewrite a message's {@code body}, {@code author} and {@code
 * attributes} or a conversation's {@code friendly_name}, and no answer within five seconds lets it
 * through. REST changes never ask, as on Twilio ({@link #applyTo}). Runs before the change's
 * transaction opens, so a slow webhook holds no lock.
 *
 * <p>Which entries run them (docs/webhooks.md, "Pre-action webhooks"): each change's service method
 * that opens its own transaction ({@code ConversationService.create/update/delete(Scope, …)},
 * {@code ParticipantService.create/update/delete(Scope, …)}, {@code
 * MessageService.create/update/delete(Scope, …)}, {@code UserService.update(Scope, …)}), whoever
 * calls it: the SDK's tunnelled commands and a web chat guest's close. The twins that take a
 * caller's {@code Tx} never run them (a webhook must not be awaited inside a transaction) and
 * refuse an SDK change ({@link #requireNone}), so none can skip its pre-action through them; the
 * one exception is {@code ParticipantService.update(Tx, …)}, through which an SDK user moves its
 * own read horizon and notification level ({@code MembershipService.update}), which ask nothing.
 */
public final class PreActions {
  private final PreActionHook hook;

  public PreActions(PreActionHook hook) {
    this.hook = hook;
  }

  /** {@code media}: the message's media as the stored {@code media} JSON, null for none. */
  public NewMessage messageAdd(Scope scope, ConversationRecord c, NewMessage m, String media) {
    Verdict verdict =
        ask(
            scope,
            PreAction.MESSAGE_ADD,
            f ->
                f.put("ConversationSid", c.sid())
                    .put("Body", m.body())
                    .put("Author", m.author())
                    .put("Attributes", m.attributes() == null ? "{}" : m.attributes())
                    .put("Media", MediaAttachments.forWebhook(media)));
    return new NewMessage(
        text(verdict, "author", m.author()),
        text(verdict, "body", m.body()),
        json(verdict, "attributes", m.attributes()),
        m.dateCreated(),
        m.dateUpdated(),
        m.mediaSids(),
        m.contentSid(),
        m.contentVariables(),
        m.subject());
  }

  public MessageChanges messageUpdate(Scope scope, MessageRecord m, MessageChanges changes) {
    Verdict verdict =
        ask(
            scope,
            PreAction.MESSAGE_UPDATE,
            f ->
                message(f, m)
                    .put("Body", Changes.or(changes.body(), m.body()))
                    .put("Author", Changes.or(changes.author(), m.author()))
                    .put("Attributes", Changes.or(changes.attributes(), m.attributes())));
    return new MessageChanges(
        text(verdict, "author", changes.author()),
        text(verdict, "body", changes.body()),
        json(verdict, "attributes", changes.attributes()),
        changes.dateCreated(),
        changes.dateUpdated(),
        changes.subject());
  }

  public void messageRemove(Scope scope, MessageRecord m) {
    ask(
        scope,
        PreAction.MESSAGE_REMOVE,
        f -> message(f, m).put("Body", m.body()).put("Author", m.author()));
  }

  private static EventFields message(EventFields f, MessageRecord m) {
    return f.put("ConversationSid", m.conversationSid())
        .put("MessageSid", m.sid())
        .put("Index", m.index())
        .put("DateCreated", m.dateCreated())
        .put("DateUpdated", m.dateUpdated())
        .put("ParticipantSid", m.participantSid())
        .put("Attributes", m.attributes())
        .put("Media", MediaAttachments.forWebhook(m.media()));
  }

  public NewConversation conversationAdd(Scope scope, NewConversation c) {
    Verdict verdict =
        ask(
            scope,
            PreAction.CONVERSATION_ADD,
            f ->
                f.put("FriendlyName", c.friendlyName())
                    .put("UniqueName", c.uniqueName())
                    .put("Attributes", c.attributes() == null ? "{}" : c.attributes())
                    .put("MessagingServiceSid", c.messagingServiceSid())
                    .put("State", c.state() == null ? "active" : c.state().wire()));
    return new NewConversation(
        text(verdict, "friendly_name", c.friendlyName()),
        c.uniqueName(),
        c.dateCreated(),
        c.dateUpdated(),
        c.messagingServiceSid(),
        c.attributes(),
        c.state(),
        c.timers(),
        c.bindings());
  }

  public ConversationChanges conversationUpdate(
      Scope scope, ConversationRecord c, ConversationChanges changes) {
    Verdict verdict =
        ask(
            scope,
            PreAction.CONVERSATION_UPDATE,
            f ->
                conversation(f, c)
                    .put("FriendlyName", Changes.or(changes.friendlyName(), c.friendlyName()))
                    .put("UniqueName", Changes.or(changes.uniqueName(), c.uniqueName()))
                    .put("Attributes", Changes.or(changes.attributes(), c.attributes()))
                    .put("State", changes.state() == null ? c.state() : changes.state().wire()));
    return new ConversationChanges(
        text(verdict, "friendly_name", changes.friendlyName()),
        changes.uniqueName(),
        changes.dateCreated(),
        changes.dateUpdated(),
        changes.messagingServiceSid(),
        changes.attributes(),
        changes.state(),
        changes.timers(),
        changes.bindings());
  }

  public void conversationRemove(Scope scope, ConversationRecord c) {
    ask(
        scope,
        PreAction.CONVERSATION_REMOVE,
        f ->
            conversation(f, c)
                .put("FriendlyName", c.friendlyName())
                .put("UniqueName", c.uniqueName())
                .put("Attributes", c.attributes())
                .put("State", c.state()));
  }

  private static EventFields conversation(EventFields f, ConversationRecord c) {
    return f.put("ConversationSid", c.sid())
        .put("DateCreated", c.dateCreated())
        .put("DateUpdated", c.dateUpdated())
        .put("MessagingServiceSid", c.messagingServiceSid());
  }

  public void participantAdd(Scope scope, ConversationRecord c, NewParticipant p) {
    ask(
        scope,
        PreAction.PARTICIPANT_ADD,
        f -> {
          f.put("ConversationSid", c.sid())
              .put("Identity", p.identity())
              .put("RoleSid", p.roleSid())
              .put("Attributes", p.attributes() == null ? "{}" : p.attributes());
          if (p.binding() != null) {
            ChangeEvents.binding(f, p.binding());
          }
        });
  }

  public void participantUpdate(Scope scope, ParticipantRecord p, ParticipantChanges changes) {
    ask(
        scope,
        PreAction.PARTICIPANT_UPDATE,
        f ->
            ChangeEvents.participant(f, p)
                .put("DateUpdated", p.dateUpdated())
                .put("Attributes", Changes.or(changes.attributes(), p.attributes()))
                .put("RoleSid", Changes.or(changes.roleSid(), p.roleSid())));
  }

  public void participantRemove(Scope scope, ParticipantRecord p) {
    ask(
        scope,
        PreAction.PARTICIPANT_REMOVE,
        f -> ChangeEvents.participant(f, p).put("DateUpdated", p.dateUpdated()));
  }

  public void userUpdate(Scope scope, UserRecord u, UserChanges changes) {
    ask(
        scope,
        PreAction.USER_UPDATE,
        f ->
            f.put("UserSid", u.sid())
                .put("DateCreated", u.dateCreated())
                .put("DateUpdated", u.dateUpdated())
                .put("Identity", u.identity())
                .put("RoleSid", Changes.or(changes.roleSid(), u.roleSid()))
                .put("Attributes", Changes.or(changes.attributes(), u.attributes()))
                .put("FriendlyName", Changes.or(changes.friendlyName(), u.friendlyName())));
  }

  /** True when changes in {@code scope} go to the pre-action webhook: SDK changes only. */
  public static boolean applyTo(Scope scope) {
    return scope.origin().preWebhooks();
  }

  /**
   * For the service methods that take a caller's transaction and so run no pre-action: refuses a
   * change whose origin asks for one (an SDK change), which must go through the method that opens
   * its own transaction. A bug, not a client's error.
   */
  public static void requireNone(Scope scope) {
    if (applyTo(scope)) {
      throw new IllegalStateException(
          "an SDK change runs its pre-action: call the method without a Tx (docs/webhooks.md)");
    }
  }

  private Verdict ask(Scope scope, PreAction action, Consumer<EventFields> own) {
    EventFields fields =
        EventFields.common(scope.accountSid(), action.wire(), scope.origin(), scope.serviceSid());
    own.accept(fields);
    Verdict verdict = hook.ask(action, scope.accountSid(), scope.serviceSid(), fields.asMap());
    if (verdict.rejected()) {
      throw new ApiException(
          TwilioError.REJECTED_BY_WEBHOOK, action.wire(), verdict.rejectedWith());
    }
    return verdict;
  }

  /** The webhook's text for {@code field}, or {@code current} when it sent none. */
  private static String text(Verdict verdict, String field, String current) {
    Object value = verdict.changes().get(field);
    if (value == null) {
      return current;
    }
    if (!(value instanceof String s)) {
      throw ApiException.invalid(field, "the pre-action webhook answered a non-string " + field);
    }
    return s;
  }

  /** Like {@link #text}, for a field that must hold JSON ({@code attributes}). */
  private static String json(Verdict verdict, String field, String current) {
    String value = text(verdict, field, current);
    if (verdict.changes().containsKey(field) && !JsonLists.isJson(value)) {
      throw ApiException.invalid(
          field, "the pre-action webhook answered " + field + " that is not JSON");
    }
    return value;
  }
}
