package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What running one widget gave: the event it leaves on (with the transition chosen, for a split),
 * what it leaves in {@code widgets.<name>}, or a wait until {@code waitUntil}: for the contact's
 * reply, or for the answer to {@code call}, made once the transaction commits; or a wait with no
 * deadline on a subflow's execution ({@code onChild}).
 */
record Outcome(
    String event,
    JsonNode transition,
    ObjectNode output,
    Instant waitUntil,
    HttpWidgets.Request call,
    boolean onChild) {
  static Outcome leave(String event, ObjectNode output) {
    return new Outcome(event, null, output, null, null, false);
  }

  static Outcome choose(String event, JsonNode transition, ObjectNode output) {
    return new Outcome(event, transition, output, null, null, false);
  }

  static Outcome wait(ObjectNode output, Instant until) {
    return new Outcome(null, null, output, until, null, false);
  }

  static Outcome call(ObjectNode output, HttpWidgets.Request call, Instant until) {
    return new Outcome(null, null, output, until, call, false);
  }

  static Outcome child(ObjectNode output) {
    return new Outcome(null, null, output, null, null, true);
  }

  boolean waits() {
    return waitUntil != null || onChild;
  }
}
