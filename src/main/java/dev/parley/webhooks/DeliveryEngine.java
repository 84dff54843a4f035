package dev.parley.webhooks;

import dev.parley.auth.AccountService;
import dev.parley.conversation.WebhookMethod;
import dev.parley.events.EventLog;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.EventRecord;
import dev.parley.store.Store;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending webhook deliveries. One dispatcher thread owns all lane state ({@link Lanes}),
 * reads pending rows forward from the store in batches, starts at most {@link #MAX_IN_FLIGHT} calls
 * at once, {@link #MAX_IN_FLIGHT_PER_ORIGIN} to one receiver (one per lane: a lane's next delivery
 * waits for the previous one to be delivered or dead), and saves the outcomes that came back
 * together in one write transaction ({@link OutcomeSaver}, off this thread). A lane whose head was
 * delivered moves on at once, its outcome saved meanwhile; after a failed attempt it moves on once
 * the outcome (the retry's time, or dead) is saved. The store stays the truth: what is pending
 * there after a crash is sent again on start, with the same idempotency token (at least once).
 *
 * <p>Several nodes may share the store. A node sends a lane's deliveries only while it holds the
 * lane's lease: it claims the new lanes of each batch it reads in one statement, renews all its
 * leases and hands back its idle lanes in one transaction per tick (a third of the lease, at most a
 * second), and in the same transaction takes over lanes whose lease ran out, reading them back from
 * their oldest pending delivery. It stops starting calls when it could not renew in time, and an
 * outcome is saved only while its lane is still held, so a lane taken over moves on from the store.
 */
public final class DeliveryEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

  /** Calls in flight at once, over all receivers: a hanging receiver holds one per lane. */
  static final int MAX_IN_FLIGHT = 256;

  /** Calls in flight at once to one receiver origin: hanging receivers leave the rest free. */
  static final int MAX_IN_FLIGHT_PER_ORIGIN = 64;

  private static final int READ_BATCH = 1_000;
  private static final int MAX_LOADED = 20_000;
  private static final long IDLE_POLL_MILLIS = 500;
  private static final long EAGER_POLL_MILLIS = 5;
  private static final long EAGER_WINDOW_NANOS = 250_000_000L;
  private static final long STOP_GRACE_MILLIS = 1_000;

  private final Store store;
  private final Clock clock;
  private final DeliverySettings settings;
  private final SigningKeys keys;
  private final OutboundRule rule;
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> replays = new ConcurrentLinkedQueue<>();
  private final Semaphore wake = new Semaphore(0);
  private final OutcomeSaver saver;
  private volatile long nudgedNanos = System.nanoTime();
  private volatile boolean running;
  private volatile WebhookClient client;
  private Thread dispatcher;
  private Lanes lanes;
  private final OriginLimit origins = new OriginLimit(MAX_IN_FLIGHT_PER_ORIGIN);
  private int inFlight;
  private volatile DeliveryMeter meter = DeliveryMeter.NONE;
  private final LaneLeases leases;
  private SeqHorizon horizon;

  /** {@code origin} is the receiver's origin when a call was made, else null. */
  private record Finished(Lane lane, DeliveryRecord delivery, Outcome outcome, String origin) {}

  /** {@code rule} decides which addresses deliveries and pre-action hooks may call. */
  public DeliveryEngine(
      Store store,
      Clock clock,
      AccountService accounts,
      DeliverySettings settings,
      OutboundRule rule) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.rule = rule;
    this.keys = new SigningKeys(accounts);
    this.leases = new LaneLeases(store, settings.lease().toMillis());
    this.saver = new OutcomeSaver(store, leases.node(), wake::release);
  }

  /** This node's name in the store's leases ({@code <pid>-<random>}). */
  public String node() {
    return leases.node();
  }

  /** The client calls go out through, once started (pre-action hooks share it); else null. */
  WebhookClient client() {
    return client;
  }

  /** Reports to {@code meter} from now on (metrics). */
  public void meter(DeliveryMeter meter) {
    this.meter = meter;
  }

  /** Starts sending, with {@code vertx}'s HTTP client; resumes whatever the store has pending. */
  public void start(Vertx vertx) {
    client = new WebhookClient(vertx, MAX_IN_FLIGHT, rule);
    store.read(
        tx -> {
          lanes = new Lanes(MAX_LOADED, store.deliveries().resumePoint(tx));
          horizon = new SeqHorizon(store.deliveries().lastSeq(tx), READ_BATCH);
          return null;
        });
    running = true;
    dispatcher = new Thread(this::run, "parley-webhooks");
    dispatcher.setDaemon(true);
    dispatcher.start();
    log.info("event=webhooks_started node={} lease_ms={}", leases.node(), leases.leaseMillis());
  }

  /**
   * Says that deliveries are being queued. The planner calls it inside the queuing transaction, so
   * the rows may not be visible yet: for a quarter of a second after a nudge the dispatcher looks
   * for new rows every 5 ms (one indexed read on a reader connection), otherwise every 500 ms. This
   * keeps the store seam free of commit hooks and costs a delivery at most a few milliseconds.
   */
  public void nudge() {
    nudgedNanos = System.nanoTime();
    wake.release();
  }

  /** A dead delivery of {@code lane} was made pending again (after its commit). */
  public void replayed(String lane) {
    replays.add(lane);
    wake.release();
  }

  private void run() {
    long lastReadNanos = 0;
    boolean moreToRead = true;
    while (running) {
      try {
        long now = clock.millis();
        saveOutcomes(now);
        applySaved(now);
        String replayed;
        while ((replayed = replays.poll()) != null) {
          leases.replayed(lanes, replayed, now);
        }
        leases.tick(lanes, now, meter);
        reread(now);
        long nanos = System.nanoTime();
        boolean eager = nanos - nudgedNanos < EAGER_WINDOW_NANOS || horizon.waiting();
        long pollNanos =
            TimeUnit.MILLISECONDS.toNanos(eager ? EAGER_POLL_MILLIS : IDLE_POLL_MILLIS);
        if (lanes.roomToLoad() && (moreToRead || nanos - lastReadNanos >= pollNanos)) {
          boolean[] moreSeqs = new boolean[1];
          List<DeliveryRecord> rows =
              store.read(
                  tx -> {
                    moreSeqs[0] = horizon.extend(tx, store.deliveries(), now);
                    return store
                        .deliveries()
                        .pendingAfter(tx, lanes.position(), horizon.value(), READ_BATCH);
                  });
          lanes.scanned(leases.claimed(lanes, rows, now), now);
          boolean full = rows.size() == READ_BATCH;
          lanes.advanceTo(full ? rows.get(rows.size() - 1).seq() : horizon.value());
          moreToRead = full || moreSeqs[0];
          lastReadNanos = nanos;
        }
        lanes.promoteDue(now);
        if (leases.current(clock.millis())) {
          dispatch(now);
        }
        meter.queue(lanes.loaded(), inFlight);
        if (!moreToRead || !lanes.roomToLoad()) {
          long untilDue = lanes.nextDueMillis() - clock.millis();
          long untilTick = leases.untilTick(clock.millis());
          long wait =
              Math.min(Math.min(eager ? EAGER_POLL_MILLIS : IDLE_POLL_MILLIS, untilDue), untilTick);
          if (wait > 0 && finished.isEmpty() && saver.nothingToPoll()) {
            wake.tryAcquire(wait, TimeUnit.MILLISECONDS);
          }
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // A store failure (disk full, closing): keep the lanes, try again shortly.
        log.error("event=webhook_dispatch_failed", e);
        sleepQuietly(500);
      }
    }
    finishInFlight();
  }

  /** Reads back lanes that hold more pending rows than were loaded, or were replayed. */
  private void reread(long now) {
    List<Lane> stale = lanes.takeRereads();
    if (stale.isEmpty()) {
      return;
    }
    long upTo = lanes.position();
    Map<Lane, List<DeliveryRecord>> rows =
        store.read(
            tx -> {
              Map<Lane, List<DeliveryRecord>> found = new LinkedHashMap<>();
              for (Lane lane : stale) {
                found.put(
                    lane, store.deliveries().pendingInLane(tx, lane.key, upTo, Lanes.PER_LANE));
              }
              return found;
            });
    rows.forEach((lane, pending) -> lanes.refilled(lane, pending, now));
  }

  /**
   * Starts the heads of ready lanes, as many as the in-flight bounds allow; a lane whose receiver
   * origin is at its cap waits in {@link OriginLimit} instead.
   */
  private void dispatch(long now) {
    List<Lane> admitted = new ArrayList<>();
    Map<Lane, String> urls = new HashMap<>();
    for (Lane lane : lanes.takeReady(MAX_IN_FLIGHT - inFlight)) {
      DeliveryRecord d = lane.head();
      String url = d.url();
      if (url == null && "studio".equals(d.kind()) && settings.studioUrl() != null) {
        url = settings.studioUrl().replaceAll("/+$", "") + "/" + d.targetSid();
      }
      if (url == null) {
        settle(lane, d, Outcome.refused(StudioTarget.UNCONFIGURED), null);
      } else if (origins.admit(OriginLimit.of(url), lane)) {
        admitted.add(lane);
        urls.put(lane, url);
      }
    }
    if (admitted.isEmpty()) {
      return;
    }
    List<Long> seqs = admitted.stream().map(lane -> lane.head().eventSeq()).distinct().toList();
    Map<Long, EventRecord> events;
    try {
      events =
          store.read(tx -> store.events().findAll(tx, seqs)).stream()
              .collect(Collectors.toMap(EventRecord::seq, Function.identity()));
    } catch (RuntimeException e) {
      admitted.forEach(
          lane -> {
            unpark(origins.release(OriginLimit.of(urls.get(lane))));
            lanes.headUnknown(lane);
          });
      throw e;
    }
    for (Lane lane : admitted) {
      DeliveryRecord d = lane.head();
      String origin = OriginLimit.of(urls.get(lane));
      try {
        start(lane, d, urls.get(lane), origin, events.get(d.eventSeq()), now);
      } catch (RuntimeException e) {
        // A row that cannot be sent (its event's fields unreadable, say) would fail the same way
        // on every try: dead-letter it alone rather than strand the rest of this round.
        log.error("event=webhook_unsendable delivery_sid={}", d.sid(), e);
        unpark(origins.release(origin));
        settle(
            lane, d, Outcome.refused("could not be sent: " + e.getClass().getSimpleName()), null);
      }
    }
  }

  /** Sends one admitted lane's head; {@code inFlight} counts it once the call has started. */
  private void start(
      Lane lane, DeliveryRecord d, String url, String origin, EventRecord event, long now) {
    String token = null;
    String refusal = event == null ? "event " + d.eventSeq() + " not found" : null;
    if (refusal == null) {
      try {
        token = keys.of(d.accountSid());
      } catch (RuntimeException gone) {
        refusal = "account " + d.accountSid() + " not found";
      }
    }
    if (refusal != null) {
      unpark(origins.release(origin));
      settle(lane, d, Outcome.refused(refusal), null);
      return;
    }
    Map<String, String> params = new LinkedHashMap<>(EventLog.fields(event));
    params.put("RetryCount", Integer.toString(d.attempts()));
    // A studio delivery goes to the operator's PARLEY_STUDIO_URL, which no user can point.
    boolean operatorTarget = d.url() == null;
    var call =
        client.send(
            new WebhookCall(WebhookMethod.fromWire(d.method()), url, params),
            token,
            d.sid(),
            operatorTarget,
            settings.callTimeout().toMillis());
    // Counted after send() returned: an outcome is only settled on this thread, later.
    inFlight++;
    if (d.attempts() == 0) {
      meter.firstAttempt(now - d.dateCreated().toEpochMilli());
    }
    call.thenAccept(outcome -> settle(lane, d, outcome, origin));
  }

  private void unpark(Lane lane) {
    if (lane != null) {
      lanes.unpark(lane);
    }
  }

  private void settle(Lane lane, DeliveryRecord d, Outcome outcome, String origin) {
    finished.add(new Finished(lane, d, outcome, origin));
    wake.release();
  }

  /**
   * Settles every outcome that came back and starts saving them in one transaction; their lanes
   * move on in {@link #applySaved} once the write has ended.
   */
  private void saveOutcomes(long now) {
    List<Finished> done = new ArrayList<>();
    Finished next;
    while ((next = finished.poll()) != null) {
      done.add(next);
    }
    if (done.isEmpty()) {
      return;
    }
    Instant at = Instant.ofEpochMilli(now);
    List<Lane> lanesDone = new ArrayList<>(done.size());
    List<Settled> settled = new ArrayList<>(done.size());
    for (Finished f : done) {
      if (f.origin() != null) {
        inFlight--;
        unpark(origins.release(f.origin()));
      }
      lanesDone.add(f.lane());
      Settled s =
          Settled.of(f.delivery(), f.outcome(), settings.retry(), at, ThreadLocalRandom.current());
      settled.add(s);
      if (s.verdict() == Outcome.Verdict.DELIVERED) {
        // The lane's next delivery need not wait for this commit: see docs/webhooks.md, Order.
        lanes.headDelivered(f.lane(), now);
      }
    }
    saver.save(lanesDone, settled);
  }

  /** Lets the lanes of every saved batch move on; a batch not saved has its lanes reread. */
  private void applySaved(long now) {
    OutcomeSaver.Batch batch;
    while ((batch = saver.poll()) != null) {
      if (batch.failure() != null) {
        log.error(
            "event=webhook_outcomes_not_saved deliveries={}",
            batch.lanes().size(),
            batch.failure());
      }
      for (int i = 0; i < batch.lanes().size(); i++) {
        Lane lane = batch.lanes().get(i);
        Settled settled = batch.settled().get(i);
        boolean movedOn = settled.verdict() == Outcome.Verdict.DELIVERED;
        if (batch.failure() != null) {
          if (movedOn) {
            lanes.notSaved(lane);
          } else {
            lanes.headUnknown(lane);
          }
        } else if (!batch.kept()[i]) {
          leases.lost(lanes, lane);
        } else if (movedOn) {
          meter.settled("delivered");
          lanes.saved(lane);
        } else {
          moveOn(lane, settled, now);
        }
      }
    }
  }

  private void moveOn(Lane lane, Settled s, long now) {
    DeliveryRecord d = s.delivery();
    meter.settled(s.verdict().name().toLowerCase(Locale.ROOT));
    switch (s.verdict()) {
      case DELIVERED -> throw new IllegalStateException("a delivered head moves on when settled");
      case DEAD -> {
        log.warn(
            "event=webhook_dead delivery_sid={} account_sid={} attempts={} error=\"{}\"",
            d.sid(),
            d.accountSid(),
            d.attempts(),
            d.lastError());
        lanes.headDone(lane, now);
      }
      case RETRY -> {
        log.warn(
            "event=webhook_retry delivery_sid={} attempts={} error=\"{}\"",
            d.sid(),
            d.attempts(),
            d.lastError());
        lanes.headRetries(lane, d, s.retryAtMillis());
      }
    }
  }

  /** On stop: gives calls in flight a moment to answer and saves what they said. */
  private void finishInFlight() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
    try {
      while ((inFlight > 0 || saver.saving() > 0) && System.nanoTime() < deadline) {
        wake.tryAcquire(10, TimeUnit.MILLISECONDS);
        saveOutcomes(clock.millis());
        applySaved(clock.millis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("event=webhook_outcomes_not_saved_on_stop", e);
    }
    if (inFlight > 0) {
      log.info("event=webhooks_stopped in_flight={} (sent again on next start)", inFlight);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sending; must run before the store and Vert.x close. Pending work stays pending. */
  @Override
  public void close() {
    if (dispatcher == null) {
      return;
    }
    running = false;
    wake.release();
    try {
      dispatcher.join(STOP_GRACE_MILLIS + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    saver.close();
    dispatcher = null;
    // What this node held goes to the other nodes now, not when the leases run out.
    leases.expireAll(clock.instant());
  }
}
