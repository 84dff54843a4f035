package dev.parley.conversation;

import java.util.HashSet;
import java.util.Set;

/**
 * The event names each kind of webhook may filter on, as Twilio's Conversations API lists them
 * (twilio-oai {@code twilio_conversations_v1.json}; https://www.twilio.com/docs/conversations
 * /conversations-webhooks).
 */
public final class WebhookEvents {
  private WebhookEvents() {}

  /** Post-action events about one conversation: conversation-scoped and address webhooks. */
  public static final Set<String> CONVERSATION =
      Set.of(
          "onMessageAdded",
          "onMessageUpdated",
          "onMessageRemoved",
          "onConversationUpdated",
          "onConversationStateUpdated",
          "onConversationRemoved",
          "onParticipantAdded",
          "onParticipantUpdated",
          "onParticipantRemoved",
          "onDeliveryUpdated");

  /** A service's webhooks: pre- and post-action events, without the user events. */
  public static final Set<String> SERVICE =
      Set.of(
          "onMessageAdd",
          "onMessageAdded",
          "onMessageUpdate",
          "onMessageUpdated",
          "onMessageRemove",
          "onMessageRemoved",
          "onConversationAdd",
          "onConversationAdded",
          "onConversationUpdate",
          "onConversationUpdated",
          "onConversationRemove",
          "onConversationRemoved",
          "onConversationStateUpdated",
          "onParticipantAdd",
          "onParticipantAdded",
          "onParticipantUpdate",
          "onParticipantUpdated",
          "onParticipantRemove",
          "onParticipantRemoved",
          "onDeliveryUpdated");

  /** The account's global webhooks: every event, the user events included. */
  public static final Set<String> ACCOUNT =
      union(SERVICE, "onUserAdded", "onUserUpdate", "onUserUpdated");

  private static Set<String> union(Set<String> base, String... more) {
    HashSet<String> all = new HashSet<>(base);
    all.addAll(Set.of(more));
    return Set.copyOf(all);
  }
}
