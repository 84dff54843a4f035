package dev.parley.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.EventFields;
import dev.parley.events.PreAction;
import dev.parley.events.PreActionHook;
import dev.parley.events.PreActionHook.Verdict;
import dev.parley.json.Attributes;
import dev.parley.shapes.ConversationShapes;
import dev.parley.shapes.MessageShapes;
import dev.parley.shapes.ParticipantShapes;
import dev.parley.shapes.UserShapes;
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
                MessageShapes.preActionAdd(
                    f,
                    c.sid(),
                    m.body(),
                    m.author(),
                    m.attributes() == null ? "{}" : m.attributes().json(),
                    media));
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
                MessageShapes.preAction(
                    f,
                    m,
                    Changes.or(changes.body(), m.body()),
                    Changes.or(changes.author(), m.author()),
                    Changes.or(Attributes.json(changes.attributes()), m.attributes())));
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
        f -> MessageShapes.preAction(f, m, m.body(), m.author(), m.attributes()));
  }

  public NewConversation conversationAdd(Scope scope, NewConversation c) {
    Verdict verdict =
        ask(
            scope,
            PreAction.CONVERSATION_ADD,
            f ->
                ConversationShapes.preActionAdd(
                    f,
                    c.friendlyName(),
                    c.uniqueName(),
                    c.attributes() == null ? "{}" : c.attributes().json(),
                    c.messagingServiceSid(),
                    c.state() == null ? "active" : c.state().wire()));
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
                ConversationShapes.preAction(
                    f,
                    c,
                    Changes.or(changes.friendlyName(), c.friendlyName()),
                    Changes.or(changes.uniqueName(), c.uniqueName()),
                    Changes.or(Attributes.json(changes.attributes()), c.attributes()),
                    changes.state() == null ? c.state() : changes.state().wire()));
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
    ask(scope, PreAction.CONVERSATION_REMOVE, f -> ConversationShapes.preAction(f, c));
  }

  public void participantAdd(Scope scope, ConversationRecord c, NewParticipant p) {
    ask(
        scope,
        PreAction.PARTICIPANT_ADD,
        f ->
            ParticipantShapes.preActionAdd(
                f,
                c.sid(),
                p.identity(),
                p.roleSid(),
                p.attributes() == null ? "{}" : p.attributes().json(),
                p.binding()));
  }

  public void participantUpdate(Scope scope, ParticipantRecord p, ParticipantChanges changes) {
    ask(
        scope,
        PreAction.PARTICIPANT_UPDATE,
        f ->
            ParticipantShapes.preAction(
                f,
                p,
                Changes.or(Attributes.json(changes.attributes()), p.attributes()),
                Changes.or(changes.roleSid(), p.roleSid())));
  }

  public void participantRemove(Scope scope, ParticipantRecord p) {
    ask(
        scope,
        PreAction.PARTICIPANT_REMOVE,
        f -> ParticipantShapes.preAction(f, p, p.attributes(), p.roleSid()));
  }

  public void userUpdate(Scope scope, UserRecord u, UserChanges changes) {
    ask(
        scope,
        PreAction.USER_UPDATE,
        f ->
            UserShapes.preAction(
                f,
                u,
                Changes.or(changes.roleSid(), u.roleSid()),
                Changes.or(Attributes.json(changes.attributes()), u.attributes()),
                Changes.or(changes.friendlyName(), u.friendlyName())));
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
  private static Attributes json(Verdict verdict, String field, Attributes current) {
    String value = text(verdict, field, Attributes.json(current));
    if (verdict.changes().containsKey(field) && !JsonLists.isJson(value)) {
      throw ApiException.invalid(
          field, "the pre-action webhook answered " + field + " that is not JSON");
    }
    // Checked just above when the webhook sent it; else the caller's, checked where it came in.
    return verdict.changes().containsKey(field) ? Attributes.trusted(value) : current;
  }
}
