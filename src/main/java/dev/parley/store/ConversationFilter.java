package dev.parley.store;

import java.time.Instant;

/**
 * Filters of the conversation list. With a date range the list is newest first (Twilio: "results
 * are sorted by creation date, newest first"), otherwise in creation order.
 */
public record ConversationFilter(Instant start, Instant end, String state) {
  public boolean byDate() {
    return start != null || end != null;
  }
}
