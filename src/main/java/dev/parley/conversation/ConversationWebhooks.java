package dev.parley.conversation;

import static dev.parley.conversation.Changes.or;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.events.WebhookUrlCheck;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Webhooks scoped to one conversation (configuration only; delivery lives elsewhere). Twilio allows
 * "as many as five" per conversation
 * (https://www.twilio.com/docs/conversations/api/conversation-scoped-webhook-resource).
 */
public final class ConversationWebhooks {
  public static final int MAX_PER_CONVERSATION = 5;

  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final ConversationService conversations;
  private final WebhookUrlCheck urls;
  private volatile WebhookAddedListener added = (tx, webhook) -> {};

  public ConversationWebhooks(
      Store store,
      Clock clock,
      SidGenerator sids,
      ConversationService conversations,
      WebhookUrlCheck urls) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.conversations = conversations;
    this.urls = urls;
  }

  public ConversationWebhookRecord create(
      Scope scope, ConversationRef conversationSidOrName, NewConversationWebhook request) {
    urls.vet("Configuration.Url", request.url());
    return store.write(tx -> create(tx, scope, conversationSidOrName, request));
  }

  private ConversationWebhookRecord create(
      Tx tx, Scope scope, ConversationRef conversationSidOrName, NewConversationWebhook request) {
    requireTargetSettings(request.target(), request.url(), request.flowSid());
    ConversationRecord conversation = conversations.find(tx, scope, conversationSidOrName);
    return add(tx, conversation, request, false);
  }

  /**
   * Adds a webhook to {@code created}, a conversation the caller created in this very transaction
   * (the web chat and web channel orchestrations): it is the caller's record, so it needs no
   * lookup, and a new conversation has no webhooks yet, so it needs no count against the limit. Its
   * settings are checked as for any other webhook.
   */
  public ConversationWebhookRecord createOnNew(
      Tx tx, ConversationRecord created, NewConversationWebhook request) {
    requireTargetSettings(request.target(), request.url(), request.flowSid());
    return add(tx, created, request, true);
  }

  /**
   * Adds it to {@code conversation}, {@code created} in this transaction or not: the limit's one
   * check, which a conversation created in this transaction passes without a count (it has none).
   */
  private ConversationWebhookRecord add(
      Tx tx, ConversationRecord conversation, NewConversationWebhook request, boolean created) {
    if (!created
        && store.conversationWebhooks().count(tx, conversation.sid()) >= MAX_PER_CONVERSATION) {
      throw new ApiException(TwilioError.TOO_MANY_WEBHOOKS, MAX_PER_CONVERSATION);
    }
    Instant now = clock.instant();
    ConversationWebhookRecord webhook =
        new ConversationWebhookRecord(
            sids.next(SidPrefix.WEBHOOK),
            conversation.accountSid(),
            conversation.serviceSid(),
            conversation.sid(),
            request.target().wire(),
            request.url(),
            (request.method() == null ? WebhookMethod.POST : request.method()).lower(),
            JsonLists.write(request.filters() == null ? List.of() : request.filters()),
            JsonLists.write(request.triggers() == null ? List.of() : request.triggers()),
            request.flowSid(),
            request.replayAfter(),
            now,
            now);
    if (created) {
      store.conversationWebhooks().insertOnNew(tx, webhook);
    } else {
      store.conversationWebhooks().insert(tx, webhook);
    }
    added.added(tx, webhook);
    return webhook;
  }

  /** The one listener told of added webhooks (Studio's trigger, wired after this service). */
  public void listen(WebhookAddedListener listener) {
    this.added = listener;
  }

  public ConversationWebhookRecord find(
      Scope scope, ConversationRef conversationSidOrName, String sid) {
    return store.read(tx -> find(tx, scope, conversationSidOrName, sid));
  }

  private ConversationWebhookRecord find(
      Tx tx, Scope scope, ConversationRef conversationSidOrName, String sid) {
    ConversationRecord conversation = conversations.find(tx, scope, conversationSidOrName);
    return store
        .conversationWebhooks()
        .find(tx, conversation.sid(), sid)
        .orElseThrow(ApiException::notFound);
  }

  public Slice<ConversationWebhookRecord> page(
      Scope scope, ConversationRef conversationSidOrName, PageRequest page) {
    return store.read(
        tx -> {
          ConversationRecord conversation = conversations.find(tx, scope, conversationSidOrName);
          return store.conversationWebhooks().page(tx, conversation.sid(), page);
        });
  }

  public ConversationWebhookRecord update(
      Scope scope,
      ConversationRef conversationSidOrName,
      String sid,
      ConversationWebhookChanges changes) {
    urls.vet("Configuration.Url", changes.url());
    return store.write(
        tx -> {
          ConversationWebhookRecord w = find(tx, scope, conversationSidOrName, sid);
          String url = or(changes.url(), w.url());
          String flowSid = or(changes.flowSid(), w.flowSid());
          requireTargetSettings(WebhookTarget.fromWire(w.target()), url, flowSid);
          ConversationWebhookRecord updated =
              new ConversationWebhookRecord(
                  w.sid(),
                  w.accountSid(),
                  w.serviceSid(),
                  w.conversationSid(),
                  w.target(),
                  url,
                  changes.method() == null ? w.method() : changes.method().lower(),
                  changes.filters() == null ? w.filters() : JsonLists.write(changes.filters()),
                  changes.triggers() == null ? w.triggers() : JsonLists.write(changes.triggers()),
                  flowSid,
                  w.replayAfter(),
                  w.dateCreated(),
                  clock.instant());
          store.conversationWebhooks().update(tx, updated);
          return updated;
        });
  }

  public void delete(Scope scope, ConversationRef conversationSidOrName, String sid) {
    store.write(
        tx -> {
          store
              .conversationWebhooks()
              .delete(tx, find(tx, scope, conversationSidOrName, sid).sid());
          return null;
        });
  }

  /** A URL for {@code webhook} and {@code trigger}, a flow for {@code studio}; 400 otherwise. */
  private static void requireTargetSettings(WebhookTarget target, String url, String flowSid) {
    if (target == WebhookTarget.STUDIO && flowSid == null) {
      throw ApiException.invalid("Configuration.FlowSid", "is required when Target is studio");
    }
    if (target != WebhookTarget.STUDIO && url == null) {
      throw ApiException.invalid(
          "Configuration.Url", "is required when Target is " + target.wire());
    }
  }
}
