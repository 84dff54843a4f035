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

  /** Properties a runnable widget cannot do without. */
  static final Map<String, List<String>> REQUIRED =
      Map.of(
          "send-message", List.of("body"),
          "send-and-wait-for-reply", List.of("body"),
          "split-based-on", List.of("input"),
          "set-variables", List.of("variables"),
          "make-http-request", List.of("url"),
          "run-function", List.of("url"),
          "run-subflow", List.of("flow_sid"));

  /** Twilio widgets Parley does not run yet or cannot run (no voice, no payments here). */
  static final Set<String> NOT_RUN =
      Set.of(
          "connect-call-to",
          "say-play",
          "gather-input-on-call",
          "record-voicemail",
          "record-call",
          "enqueue-call",
          "make-outgoing-call",
          "capture-payments",
          "fork-stream",
          "add-twiml-redirect",
          "send-to-auto-pilot",
          "connect-virtual-agent",
          "set-language",
          "send-to-segment");

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
