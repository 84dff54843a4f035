package dev.parley.studio;

import dev.parley.conversation.AddressConfigurations;
import dev.parley.conversation.ConversationWebhooks;
import dev.parley.conversation.MessageService;
import dev.parley.events.EventLog;
import dev.parley.ids.SidGenerator;
import dev.parley.store.Store;
import dev.parley.webhooks.FlowCalls;
import java.time.Clock;

/** Studio's services, wired on one store; its chat trigger listens to {@code events}. */
public record Studio(StudioFlows flows, StudioExecutions executions, WebchatFlow webchatFlow) {

  /**
   * Builds the services (the flows' HTTP widgets call out through {@code calls}) and starts
   * listening for conversations' messages. Call after the other listeners are registered: a flow's
   * reply is then recorded after the message that caused it in every listener (webhooks, realtime).
   */
  public static Studio wire(
      Store store,
      Clock clock,
      SidGenerator sids,
      MessageService messages,
      EventLog events,
      FlowCalls calls,
      AddressConfigurations addresses,
      ConversationWebhooks webhooks) {
    StudioFlows flows = new StudioFlows(store, clock, sids);
    FlowCaller caller = new FlowCaller(store, calls);
    Subflows subflows = new Subflows(store);
    FlowEngine engine =
        new FlowEngine(
            store,
            clock,
            sids,
            new WidgetRunner(store, clock, messages, subflows),
            caller,
            subflows);
    caller.bind(engine);
    ChatTrigger trigger = new ChatTrigger(store, flows, engine);
    events.listen(trigger);
    webhooks.listen(trigger);
    return new Studio(
        flows,
        new StudioExecutions(store, clock, flows, engine, caller),
        new WebchatFlow(store, clock, flows, addresses));
  }
}
