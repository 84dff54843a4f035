package dev.parley.webhooks;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.store.AttemptRecord;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.EventRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An account's webhook deliveries as its owner sees them, and replaying the dead ones. */
public final class DeliveryHistory {
  private final Store store;
  private final Clock clock;
  private final Consumer<String> replayed;

  /** {@code replayed} hears the lane of each replayed delivery, after its commit. */
  public DeliveryHistory(Store store, Clock clock, Consumer<String> replayed) {
    this.store = store;
    this.clock = clock;
    this.replayed = replayed;
  }

  /** A delivery with its event and, when fetched alone, its attempts (null in lists). */
  public record Entry(DeliveryRecord delivery, EventRecord event, List<AttemptRecord> attempts) {}

  public Slice<Entry> page(
      String accountSid, String status, String conversationSid, PageRequest page) {
    return store.read(
        tx -> {
          Slice<DeliveryRecord> slice =
              store.deliveries().page(tx, accountSid, status, conversationSid, page);
          Map<Long, EventRecord> events =
              store
                  .events()
                  .findAll(tx, slice.items().stream().map(DeliveryRecord::eventSeq).toList())
                  .stream()
                  .collect(Collectors.toMap(EventRecord::seq, Function.identity()));
          return slice.map(d -> new Entry(d, events.get(d.eventSeq()), null));
        });
  }

  /** One of the account's deliveries with every attempt; 404 for any other. */
  public Entry find(String accountSid, String sid) {
    return store.read(tx -> entry(tx, locate(tx, accountSid, sid)));
  }

  /**
   * Makes a dead delivery pending again, due now, keeping its attempts: it is retried with a fresh
   * budget, in its original place in its lane (before anything queued after it that is still
   * pending), and sent with the same idempotency token.
   */
  public Entry replay(String accountSid, String sid) {
    Entry entry =
        store.write(
            tx -> {
              DeliveryRecord d = locate(tx, accountSid, sid);
              if (!Settled.DEAD.equals(d.status())) {
                throw new ApiException(
                    TwilioError.CONFLICT,
                    "Delivery "
                        + sid
                        + " is "
                        + d.status()
                        + "; only dead deliveries can be replayed");
              }
              Instant now = clock.instant();
              DeliveryRecord pending =
                  d.settled(
                      DeliveryPlanner.PENDING,
                      d.attempts(),
                      now,
                      d.lastStatusCode(),
                      d.lastError(),
                      d.lastLatencyMs(),
                      now,
                      d.attempts());
              store.deliveries().recordOutcome(tx, pending, null);
              return entry(tx, pending);
            });
    replayed.accept(entry.delivery().lane());
    return entry;
  }

  private DeliveryRecord locate(Tx tx, String accountSid, String sid) {
    return store.deliveries().find(tx, accountSid, sid).orElseThrow(ApiException::notFound);
  }

  private Entry entry(Tx tx, DeliveryRecord d) {
    return new Entry(
        d,
        store.events().find(tx, d.eventSeq()).orElse(null),
        store.deliveries().attempts(tx, d.seq()));
  }
}
