package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What running one widget gave: the event it leaves on (with the transition chosen, for a split),
 * what it leaves in {@code widgets.<name>}, or a wait until {@code waitUntil}: for the contact's
 * reply, or for the answer to {@code call}, made once the transaction commits.
 */
record Outcome(
    String event,
    JsonNode transition,
    ObjectNode output,
    Instant waitUntil,
    HttpWidgets.Request call) {
  static Outcome leave(String event, ObjectNode output) {
    return new Outcome(event, null, output, null, null);
  }

  static Outcome choose(String event, JsonNode transition, ObjectNode output) {
    return new Outcome(event, transition, output, null, null);
  }

  static Outcome wait(ObjectNode output, Instant until) {
    return new Outcome(null, null, output, until, null);
  }

  static Outcome call(ObjectNode output, HttpWidgets.Request call, Instant until) {
    return new Outcome(null, null, output, until, call);
  }

  boolean waits() {
    return waitUntil != null;
  }
}
