package dev.parley.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.ChangeEvents;
import dev.parley.conversation.WebhookAddedListener;
import dev.parley.conversation.WebhookTarget;
import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Event;
import dev.parley.events.EventListener;
import dev.parley.events.EventType;
import dev.parley.events.Origin;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations' studio webhooks ({@code Target=studio}, which a web chat's address of type {@code
 * studio} attaches) run here when they name a flow of the account: a participant's message starts
 * an execution ({@code incomingConversationMessage}, with {@code trigger.conversation.*} as Twilio
 * gives it) or answers the widget one waits on. At most one execution per conversation and flow is
 * active. It all happens in the message's own transaction, so the flow's reply commits with the
 * message that caused it, or neither does. Messages with no participant (the flow's own, or a REST
 * post with no author in the conversation) start nothing.
 */
final class ChatTrigger implements EventListener, WebhookAddedListener {
  /** Messages read per page when replaying a conversation to a new studio webhook. */
  private static final int REPLAY_PAGE = 100;

  private final Store store;
  private final StudioFlows flows;
  private final FlowEngine engine;

  ChatTrigger(Store store, StudioFlows flows, FlowEngine engine) {
    this.store = store;
    this.flows = flows;
    this.engine = engine;
  }

  @Override
  public void recorded(Tx tx, Event event) {
    if (event.type() != EventType.MESSAGE_ADDED) {
      return;
    }
    MessageAdded posted = event.change(MessageAdded.class);
    if (posted.message().participantSid() == null) {
      return;
    }
    MessageRecord message = posted.message();
    for (ConversationWebhookRecord webhook :
        store.conversationWebhooks().all(tx, message.conversationSid())) {
      if (WebhookTarget.fromWire(webhook.target()) != WebhookTarget.STUDIO
          || webhook.flowSid() == null) {
        continue;
      }
      Optional<StudioFlowRecord> flow =
          store.studio().findFlow(tx, message.accountSid(), webhook.flowSid());
      if (flow.isPresent()) {
        run(tx, flow.get(), posted, event.fields());
      }
    }
  }

  /**
   * {@code Configuration.ReplayAfter}: a studio webhook added to a conversation that already has
   * messages runs its flow on those from that index on ("the message index for which and its
   * successors the webhook will be replayed"), oldest first, as if each had just been posted: the
   * first starts the execution, the next ones answer it. Messages with no participant start
   * nothing, as live ones do.
   */
  @Override
  public void added(Tx tx, ConversationWebhookRecord webhook) {
    if (webhook.replayAfter() == null
        || WebhookTarget.fromWire(webhook.target()) != WebhookTarget.STUDIO
        || webhook.flowSid() == null) {
      return;
    }
    Optional<StudioFlowRecord> flow =
        store.studio().findFlow(tx, webhook.accountSid(), webhook.flowSid());
    Optional<ConversationRecord> conversation =
        store.conversations().find(tx, webhook.serviceSid(), webhook.conversationSid());
    if (flow.isEmpty() || conversation.isEmpty()) {
      return;
    }
    // Read them all first: the flow's own replies, added as it runs, are not to be replayed.
    List<MessageRecord> replayed = new ArrayList<>();
    PageRequest page = PageRequest.first(REPLAY_PAGE);
    while (page != null) {
      Slice<MessageRecord> slice =
          store.messages().page(tx, webhook.conversationSid(), false, page);
      for (MessageRecord message : slice.items()) {
        if (message.index() >= webhook.replayAfter() && message.participantSid() != null) {
          replayed.add(message);
        }
      }
      page = slice.next() == null ? null : new PageRequest(REPLAY_PAGE, slice.next());
    }
    for (MessageRecord message : replayed) {
      Map<String, String> fields =
          ChangeEvents.messageAddedFields(Origin.API, conversation.get(), message);
      run(tx, flow.get(), new MessageAdded(conversation.get(), message), fields);
    }
  }

  private void run(Tx tx, StudioFlowRecord flow, MessageAdded posted, Map<String, String> fields) {
    MessageRecord message = posted.message();
    ObjectNode conversation = StudioJson.MAPPER.valueToTree(fields);
    // Flex's chat flows read the web chat's pre-engagement data from the conversation's attributes
    // as trigger.conversation.ChannelAttributes.pre_engagement_data (docs/webchat-clients.md).
    conversation.set("ChannelAttributes", StudioJson.read(posted.conversation().attributes()));
    Optional<StudioExecutionRecord> active =
        store.studio().activeInConversation(tx, message.conversationSid(), flow.sid());
    if (active.isPresent()) {
      // A message while the flow is busy elsewhere (not waiting) is not the widget's to take.
      engine.reply(tx, active.get(), conversation);
      return;
    }
    Integer revision = flows.revisionFor(tx, flow, message.author());
    if (revision == null) {
      return;
    }
    ObjectNode trigger = StudioJson.MAPPER.createObjectNode();
    trigger.set("conversation", conversation);
    engine.start(
        tx,
        flow,
        revision,
        new Start(
            "incomingConversationMessage",
            "",
            message.author(),
            message.serviceSid(),
            message.conversationSid(),
            trigger,
            StudioJson.MAPPER.createObjectNode()));
  }
}
