package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What running one widget gave: the event it leaves on (with the transition chosen, for a split),
 * what it leaves in {@code widgets.<name>}, or a wait for the contact's reply until {@code
 * waitUntil}.
 */
record Outcome(String event, JsonNode transition, ObjectNode output, Instant waitUntil) {
  static Outcome leave(String event, ObjectNode output) {
    return new Outcome(event, null, output, null);
  }

  static Outcome wait(ObjectNode output, Instant until) {
    return new Outcome(null, null, output, until);
  }

  boolean waits() {
    return waitUntil != null;
  }
}
