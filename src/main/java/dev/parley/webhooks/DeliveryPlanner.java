package dev.parley.webhooks;

import dev.parley.conversation.EventWebhookTarget;
import dev.parley.conversation.JsonLists;
import dev.parley.conversation.WebhookMethod;
import dev.parley.conversation.WebhookTarget;
import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Event;
import dev.parley.events.EventListener;
import dev.parley.events.EventType;
import dev.parley.ids.SidGenerator;
import dev.parley.ids.SidPrefix;
import dev.parley.store.ConfigurationRecord;
import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.ServiceRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides, inside the change's transaction, which webhook targets an event goes to, and queues one
 * pending delivery for each (https://www.twilio.com/docs/conversations/conversations-webhooks):
 *
 * <ul>
 *   <li>the service's post-action webhook when the service has webhooks configured, otherwise the
 *       account's global one (target {@code webhook}; {@code flex} routes inside Twilio and has no
 *       URL here) — each only for events its filters list;
 *   <li>every conversation-scoped webhook: {@code webhook} by its filters, {@code trigger} for a
 *       new message whose body holds one of its keywords, {@code studio} for each new message.
 * </ul>
 */
public final class DeliveryPlanner implements EventListener {
  static final String PENDING = "pending";
  private final Store store;
  private final Clock clock;
  private final SidGenerator sids;
  private final Runnable queued;

  /** {@code queued} hears of each delivery queued, once it has committed: the engine's nudge. */
  public DeliveryPlanner(Store store, Clock clock, SidGenerator sids, Runnable queued) {
    this.store = store;
    this.clock = clock;
    this.sids = sids;
    this.queued = queued;
  }

  @Override
  public void recorded(Tx tx, Event event) {
    if (!event.origin().postWebhooks()) {
      return;
    }
    planServiceOrAccount(tx, event);
    if (event.conversationSid() != null) {
      for (ConversationWebhookRecord webhook :
          store.conversationWebhooks().all(tx, event.conversationSid())) {
        planScoped(tx, event, webhook);
      }
    }
  }

  private void planServiceOrAccount(Tx tx, Event event) {
    boolean userEvent =
        event.type() == EventType.USER_ADDED || event.type() == EventType.USER_UPDATED;
    ServiceRecord service =
        event.serviceSid() == null
            ? null
            : store.services().find(tx, event.accountSid(), event.serviceSid()).orElse(null);
    // Service-level webhooks replace the global ones for their service; user events are not
    // among the events a service may filter on, so those always go by the global settings.
    if (!userEvent
        && service != null
        && (service.preWebhookUrl() != null || service.postWebhookUrl() != null)) {
      if (service.postWebhookUrl() != null && listed(service.webhookFilters(), event)) {
        queue(
            tx,
            event,
            "service",
            null,
            service.postWebhookUrl(),
            service.webhookMethod() == null
                ? WebhookMethod.POST
                : WebhookMethod.fromWire(service.webhookMethod()));
      }
      return;
    }
    ConfigurationRecord global =
        store.accounts().configuration(tx, event.accountSid()).orElse(null);
    if (global != null
        && global.postWebhookUrl() != null
        && EventWebhookTarget.fromWire(global.webhookTarget()) == EventWebhookTarget.WEBHOOK
        && listed(global.webhookFilters(), event)) {
      queue(
          tx,
          event,
          "account",
          null,
          global.postWebhookUrl(),
          WebhookMethod.fromWire(global.webhookMethod()));
    }
  }

  private void planScoped(Tx tx, Event event, ConversationWebhookRecord webhook) {
    boolean newMessage = event.type() == EventType.MESSAGE_ADDED;
    WebhookMethod method = WebhookMethod.fromWire(webhook.method());
    switch (WebhookTarget.fromWire(webhook.target())) {
      case WEBHOOK -> {
        if (listed(webhook.filters(), event)) {
          queue(tx, event, "conversation", webhook.sid(), webhook.url(), method);
        }
      }
      case TRIGGER -> {
        if (newMessage
            && mentions(event.change(MessageAdded.class).message().body(), webhook.triggers())) {
          queue(tx, event, "conversation", webhook.sid(), webhook.url(), method);
        }
      }
      case STUDIO -> {
        // A flow Parley holds runs here (studio/ChatTrigger); only another's goes out.
        if (newMessage
            && store.studio().findFlow(tx, event.accountSid(), webhook.flowSid()).isEmpty()) {
          queue(tx, event, "studio", webhook.flowSid(), null, WebhookMethod.POST);
        }
      }
    }
  }

  private static boolean listed(String filters, Event event) {
    List<String> names = JsonLists.read(filters);
    return names != null && names.contains(event.type().wire());
  }

  /** True when {@code body} holds one of the keywords as a whole word, ignoring case. */
  static boolean mentions(String body, String keywords) {
    if (body == null) {
      return false;
    }
    for (String keyword : JsonLists.read(keywords)) {
      Pattern word =
          Pattern.compile(
              "(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      if (!keyword.isBlank() && word.matcher(body).find()) {
        return true;
      }
    }
    return false;
  }

  private void queue(
      Tx tx, Event event, String kind, String targetSid, String url, WebhookMethod method) {
    Instant now = clock.instant();
    String target = targetSid != null ? targetSid : method.name() + " " + url;
    String subject = event.conversationSid() != null ? event.conversationSid() : event.accountSid();
    // The event's number as the store gave it, not asked for here: asking would send the event's
    // statement while the change runs (the store writes the delivery with it instead).
    store
        .deliveries()
        .insert(
            tx,
            new DeliveryRecord(
                0,
                sids.next(SidPrefix.WEBHOOK_DELIVERY),
                event.accountSid(),
                0,
                event.conversationSid(),
                kind + " " + target + " " + subject,
                kind,
                targetSid,
                url,
                method.name(),
                PENDING,
                0,
                now,
                null,
                null,
                null,
                now,
                now,
                0),
            event.sequence());
    tx.afterCommit(queued);
  }
}
