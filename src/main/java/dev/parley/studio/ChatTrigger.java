package dev.parley.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.conversation.WebhookTarget;
import dev.parley.events.Change.MessageAdded;
import dev.parley.events.Event;
import dev.parley.events.EventListener;
import dev.parley.events.EventType;
import dev.parley.store.ConversationWebhookRecord;
import dev.parley.store.MessageRecord;
import dev.parley.store.Store;
import dev.parley.store.StudioExecutionRecord;
import dev.parley.store.StudioFlowRecord;
import dev.parley.store.Tx;
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
final class ChatTrigger implements EventListener {
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
