package dev.parley.webhooks;

import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A delivery's state after one outcome, and the attempt row to keep (null when nothing was called).
 * A retryable failure that uses up the retry budget is dead, with the reason kept.
 */
record Settled(
    DeliveryRecord delivery, AttemptRecord attempt, Outcome.Verdict verdict, long retryAtMillis) {
  static final String DELIVERED = "delivered";
  static final String DEAD = "dead";

  static Settled of(
      DeliveryRecord d, Outcome outcome, RetryPolicy policy, Instant now, RandomGenerator random) {
    int attempts = d.attempts() + (outcome.attempted() ? 1 : 0);
    Outcome.Verdict verdict = outcome.verdict();
    String error = outcome.error();
    if (verdict == Outcome.Verdict.RETRY
        && attempts - d.attemptsBeforeReplay() >= policy.maxAttempts()) {
      verdict = Outcome.Verdict.DEAD;
      error = "gave up after " + policy.maxAttempts() + " attempts; last: " + error;
    }
    long retryAt =
        verdict == Outcome.Verdict.RETRY
            ? now.toEpochMilli() + policy.backoffMillis(attempts - d.attemptsBeforeReplay(), random)
            : 0;
    String status =
        switch (verdict) {
          case DELIVERED -> DELIVERED;
          case DEAD -> DEAD;
          case RETRY -> DeliveryPlanner.PENDING;
        };
    DeliveryRecord updated =
        d.settled(
            status,
            attempts,
            verdict == Outcome.Verdict.RETRY ? Instant.ofEpochMilli(retryAt) : null,
            outcome.statusCode(),
            error,
            outcome.attempted() ? Integer.valueOf(outcome.latencyMs()) : d.lastLatencyMs(),
            now,
            d.attemptsBeforeReplay());
    AttemptRecord attempt =
        outcome.attempted()
            ? new AttemptRecord(
                d.seq(), attempts, outcome.statusCode(), outcome.error(), outcome.latencyMs(), now)
            : null;
    return new Settled(updated, attempt, verdict, retryAt);
  }
}
