package dev.parley.studio;

import dev.parley.conversation.AddressConfigurations;
import dev.parley.ids.AccountSid;
import dev.parley.store.Store;
import java.time.Clock;
import java.util.Optional;

/**
 * The "Webchat Flow" a new Flex account gets: the trigger hands every new chat to agents (Send to
 * Flex on {@code incomingConversationMessage}). The set-up creates it, published, for an account
 * and points the account's default chat address at it, so a web chat behaves as before (it lands in
 * the agents' waiting list) until someone edits the flow. It runs once per account, ever: on the
 * first start, and on the first start of a store made before it existed; a flow deleted later, or
 * an address pointed elsewhere, stays so.
 */
public final class WebchatFlow {
  public static final String FRIENDLY_NAME = "Webchat Flow";

  /**
   * Shaped like the flow Flex creates (a trigger, then {@code SendConversationToAgent}); the task
   * attributes carry the customer's name and the channel, as Flex's read them.
   */
  static final String DEFINITION =
      """
      {"description": "Bot flow for creating a Flex webchat task",
       "states": [
        {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
         "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall"},
                         {"event": "incomingConversationMessage", "next": "SendConversationToAgent"},
                         {"event": "incomingRequest"}, {"event": "incomingParent"}]},
        {"name": "SendConversationToAgent", "type": "send-to-flex",
         "properties": {"offset": {"x": 30, "y": 250},
                        "attributes": "{\\"name\\": \\"{{trigger.conversation.ChannelAttributes.from}}\\", \\"channelType\\": \\"{{trigger.conversation.ChannelAttributes.channel_type}}\\", \\"conversationSid\\": \\"{{trigger.conversation.ConversationSid}}\\"}"},
         "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue"},
                         {"event": "callFailure"}]}],
       "initial_state": "Trigger",
       "flags": {"allow_concurrent_calls": true}}
      """;

  private final Store store;
  private final Clock clock;
  private final StudioFlows flows;
  private final AddressConfigurations addresses;

  WebchatFlow(Store store, Clock clock, StudioFlows flows, AddressConfigurations addresses) {
    this.store = store;
    this.clock = clock;
    this.flows = flows;
    this.addresses = addresses;
  }

  /**
   * Creates the account's Webchat Flow and points its default chat address at it, unless that was
   * done before (then nothing): the new flow's SID, or empty. An address already changed by its
   * owner keeps what they chose; the flow is still created, unattached.
   */
  public Optional<String> ensure(String accountSid) {
    // Every start but the first: one read, no write (and no wait for the store's writer).
    if (store.readOne(tx -> store.studio().defaultFlowClaimed(tx, accountSid))) {
      return Optional.empty();
    }
    return store.write(
        tx -> {
          if (!store.studio().claimDefaultFlow(tx, accountSid, clock.instant())) {
            return Optional.empty();
          }
          String sid =
              flows
                  .create(
                      tx,
                      accountSid,
                      new NewFlow(
                          FRIENDLY_NAME,
                          StudioFlows.PUBLISHED,
                          DEFINITION,
                          "Created by Parley for the default chat address"))
                  .flow()
                  .sid();
          store.studio().setDefaultFlow(tx, accountSid, sid);
          addresses.pointDefaultChatAt(tx, new AccountSid(accountSid), sid);
          return Optional.of(sid);
        });
  }
}
