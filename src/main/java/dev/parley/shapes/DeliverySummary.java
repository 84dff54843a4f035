package dev.parley.shapes;

import dev.parley.store.DeliveryReceiptStore.StatusCount;
import java.util.List;

/**
 * A message's {@code delivery} object: how many non-chat participants it went to and, per status,
 * whether {@code all}, {@code some} or {@code none} of them reached it. Statuses build on each
 * other ({@code read} implies {@code delivered} implies {@code sent}), matching Twilio's example
 * {@code {"total":2,"sent":"all","delivered":"some","read":"some",...}}.
 */
public record DeliverySummary(
    long total, String sent, String delivered, String read, String failed, String undelivered) {

  /** The summary of one message's receipt counts, or null when it has none (chat only). */
  public static DeliverySummary of(List<StatusCount> counts) {
    long total = 0;
    long sent = 0;
    long delivered = 0;
    long read = 0;
    long failed = 0;
    long undelivered = 0;
    for (StatusCount c : counts) {
      total += c.count();
      switch (c.status()) {
        case "read" -> {
          read += c.count();
          delivered += c.count();
          sent += c.count();
        }
        case "delivered" -> {
          delivered += c.count();
          sent += c.count();
        }
        case "sent" -> sent += c.count();
        case "failed" -> failed += c.count();
        case "undelivered" -> undelivered += c.count();
        default -> throw new IllegalStateException("unknown receipt status " + c.status());
      }
    }
    if (total == 0) {
      return null;
    }
    return new DeliverySummary(
        total,
        share(sent, total),
        share(delivered, total),
        share(read, total),
        share(failed, total),
        share(undelivered, total));
  }

  private static String share(long count, long total) {
    return count == 0 ? "none" : count == total ? "all" : "some";
  }
}
