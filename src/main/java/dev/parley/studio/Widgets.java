package dev.parley.studio;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Studio's widget types (https://www.twilio.com/docs/studio/widget-library): the events each
 * runnable one transitions on and the properties it needs, and the types Parley accepts in a
 * definition but does not run (voice, payments, virtual agents), which validate with a warning.
 */
final class Widgets {
  private Widgets() {}

  /** The widgets Parley runs, each with the transition events Twilio's editor gives it. */
  static final Map<String, Set<String>> EVENTS =
      Map.of(
          "trigger",
          Set.of(
              "incomingMessage",
              "incomingCall",
              "incomingConversationMessage",
              "incomingRequest",
              "incomingParent"),
          "send-message",
          Set.of("sent", "failed"),
          "send-and-wait-for-reply",
          Set.of("incomingMessage", "timeout", "deliveryFailure"),
          "split-based-on",
          Set.of("noMatch", "match"),
          "set-variables",
          Set.of("next"),
          "send-to-flex",
          Set.of("callComplete", "failedToEnqueue", "callFailure"),
          "make-http-request",
          Set.of("success", "failed"),
          "run-function",
          Set.of("success", "fail"),
          "run-subflow",
          Set.of("completed", "failed"));

  /**
   * Properties a runnable widget cannot do without: those Twilio's widget library marks required
   * (the HTTP widget's "three required fields: Request Method, Request URL, and Content Type",
   * https://www.twilio.com/docs/studio/widget-library/http-request) and those Parley's engine needs
   * to act at all (a message's {@code body}).
   */
  static final Map<String, List<String>> REQUIRED =
      Map.of(
          "send-message", List.of("body"),
          "send-and-wait-for-reply", List.of("body"),
          "split-based-on", List.of("input"),
          "set-variables", List.of("variables"),
          "make-http-request", List.of("url", "method", "content_type"),
          "run-function", List.of("url"),
          "run-subflow", List.of("flow_sid"));

  /**
   * Properties Twilio requires that Parley has no use for yet: a flow without them runs here, but
   * Twilio would refuse it, so each is a warning. Send to Flex names a TaskRouter workflow and
   * channel (https://www.twilio.com/docs/studio/widget-library/send-flex); Parley has no routing.
   */
  static final Map<String, List<String>> REQUIRED_BY_TWILIO =
      Map.of("send-to-flex", List.of("workflow", "channel"));

  /**
   * Twilio's widget types (the {@code type} enumeration of its flow definition schema) that Parley
   * does not run: voice, payments, virtual agents, Programmable Chat, Sync. Any other type is
   * unknown, as on Twilio.
   */
  static final Set<String> NOT_RUN =
      Set.of(
          "add-member-to-chat-channel",
          "add-twiml-redirect",
          "capture-payments",
          "connect-call-to",
          "create-chat-channel",
          "create-task",
          "enqueue-call",
          "fork-stream",
          "gather-input-on-call",
          "make-outgoing-call-v1",
          "make-outgoing-call-v2",
          "record-call",
          "record-voicemail",
          "run-function-v2",
          "say-play",
          "understand",
          "update-sync-object",
          "connect-virtual-agent",
          "connect-virtual-agent-v2");

  /** The split widget's condition types, as its editor offers them. */
  static final Set<String> CONDITIONS =
      Set.of(
          "equal_to",
          "not_equal_to",
          "matches_any_of",
          "does_not_match_any_of",
          "is_blank",
          "is_not_blank",
          "regex",
          "contains",
          "does_not_contain",
          "starts_with",
          "does_not_start_with",
          "less_than",
          "greater_than");

  static boolean runs(String type) {
    return EVENTS.containsKey(type);
  }
}
