package dev.parley.webhooks;

import dev.parley.auth.AccountService;
import dev.parley.events.EventLog;
import dev.parley.store.DeliveryRecord;
import dev.parley.store.EventRecord;
import dev.parley.store.Store;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * at once (one per lane: a lane's next delivery waits for the previous one to be delivered or
 * dead), and saves the outcomes that came back together in one write transaction, before the lanes
 * concerned may move on. The store stays the truth: what is pending there after a crash is sent
 * again on start, with the same idempotency token (at least once).
 */
public final class DeliveryEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

  /** Calls in flight at once, over all receivers: a hanging receiver holds one per lane. */
  static final int MAX_IN_FLIGHT = 256;

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
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> replays = new ConcurrentLinkedQueue<>();
  private final Semaphore wake = new Semaphore(0);
  private volatile long nudgedNanos = System.nanoTime();
  private volatile boolean running;
  private WebhookClient client;
  private Thread dispatcher;
  private Lanes lanes;
  private int inFlight;
  private volatile DeliveryMeter meter = DeliveryMeter.NONE;

  private record Finished(Lane lane, DeliveryRecord delivery, Outcome outcome, boolean called) {}

  public DeliveryEngine(
      Store store, Clock clock, AccountService accounts, DeliverySettings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.keys = new SigningKeys(accounts);
  }

  /** Reports to {@code meter} from now on (metrics). */
  public void meter(DeliveryMeter meter) {
    this.meter = meter;
  }

  /** Starts sending, with {@code vertx}'s HTTP client; resumes whatever the store has pending. */
  public void start(Vertx vertx) {
    client = new WebhookClient(vertx, MAX_IN_FLIGHT);
    lanes = new Lanes(MAX_LOADED, store.read(tx -> store.deliveries().resumePoint(tx)));
    running = true;
    dispatcher = new Thread(this::run, "parley-webhooks");
    dispatcher.setDaemon(true);
    dispatcher.start();
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
        String replayed;
        while ((replayed = replays.poll()) != null) {
          lanes.replayed(replayed);
        }
        reread(now);
        long nanos = System.nanoTime();
        boolean eager = nanos - nudgedNanos < EAGER_WINDOW_NANOS;
        long pollNanos =
            TimeUnit.MILLISECONDS.toNanos(eager ? EAGER_POLL_MILLIS : IDLE_POLL_MILLIS);
        if (lanes.roomToLoad() && (moreToRead || nanos - lastReadNanos >= pollNanos)) {
          List<DeliveryRecord> rows =
              store.read(tx -> store.deliveries().pendingAfter(tx, lanes.position(), READ_BATCH));
          lanes.scanned(rows, now);
          moreToRead = rows.size() == READ_BATCH;
          lastReadNanos = nanos;
        }
        lanes.promoteDue(now);
        dispatch(now);
        meter.queue(lanes.loaded(), inFlight);
        if (!moreToRead || !lanes.roomToLoad()) {
          long untilDue = lanes.nextDueMillis() - clock.millis();
          long wait = Math.min(eager ? EAGER_POLL_MILLIS : IDLE_POLL_MILLIS, untilDue);
          if (wait > 0 && finished.isEmpty()) {
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

  /** Starts the heads of ready lanes, as many as the in-flight bound allows. */
  private void dispatch(long now) {
    List<Lane> batch = lanes.takeReady(MAX_IN_FLIGHT - inFlight);
    if (batch.isEmpty()) {
      return;
    }
    List<Long> seqs = batch.stream().map(lane -> lane.head().eventSeq()).distinct().toList();
    Map<Long, EventRecord> events;
    try {
      events =
          store.read(tx -> store.events().findAll(tx, seqs)).stream()
              .collect(Collectors.toMap(EventRecord::seq, Function.identity()));
    } catch (RuntimeException e) {
      batch.forEach(lanes::headUnknown);
      throw e;
    }
    for (Lane lane : batch) {
      DeliveryRecord d = lane.head();
      String url = d.url();
      if (url == null && "studio".equals(d.kind()) && settings.studioUrl() != null) {
        url = settings.studioUrl().replaceAll("/+$", "") + "/" + d.targetSid();
      }
      EventRecord event = events.get(d.eventSeq());
      if (url == null || event == null) {
        String why =
            event == null ? "event " + d.eventSeq() + " not found" : StudioTarget.UNCONFIGURED;
        settle(lane, d, Outcome.refused(why), false);
        continue;
      }
      String token;
      try {
        token = keys.of(d.accountSid());
      } catch (RuntimeException gone) {
        settle(lane, d, Outcome.refused("account " + d.accountSid() + " not found"), false);
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>(EventLog.fields(event));
      params.put("RetryCount", Integer.toString(d.attempts()));
      inFlight++;
      if (d.attempts() == 0) {
        meter.firstAttempt(now - d.dateCreated().toEpochMilli());
      }
      client
          .send(new WebhookCall(d.method(), url, params), token, d.sid())
          .thenAccept(outcome -> settle(lane, d, outcome, true));
    }
  }

  private void settle(Lane lane, DeliveryRecord d, Outcome outcome, boolean called) {
    finished.add(new Finished(lane, d, outcome, called));
    wake.release();
  }

  /** Saves every outcome that came back in one transaction, then lets their lanes move on. */
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
    List<Settled> settled = new ArrayList<>(done.size());
    for (Finished f : done) {
      if (f.called()) {
        inFlight--;
      }
    }
    try {
      for (Finished f : done) {
        settled.add(
            Settled.of(
                f.delivery(), f.outcome(), settings.retry(), at, ThreadLocalRandom.current()));
      }
      store.write(
          tx -> {
            settled.forEach(s -> store.deliveries().recordOutcome(tx, s.delivery(), s.attempt()));
            return null;
          });
    } catch (RuntimeException e) {
      log.error("event=webhook_outcomes_not_saved deliveries={}", done.size(), e);
      done.forEach(f -> lanes.headUnknown(f.lane()));
      return;
    }
    for (int i = 0; i < done.size(); i++) {
      Settled s = settled.get(i);
      Lane lane = done.get(i).lane();
      DeliveryRecord d = s.delivery();
      meter.settled(s.verdict().name().toLowerCase(java.util.Locale.ROOT));
      switch (s.verdict()) {
        case DELIVERED -> lanes.headDone(lane, now);
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
  }

  /** On stop: gives calls in flight a moment to answer and saves what they said. */
  private void finishInFlight() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
    try {
      while (inFlight > 0 && System.nanoTime() < deadline) {
        wake.tryAcquire(10, TimeUnit.MILLISECONDS);
        saveOutcomes(clock.millis());
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
    dispatcher = null;
  }
}
