import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST post → realtime receipt. {@code conversations} conversations, each with {@code members}
 * participants (default 1) whose Twilsock connections are subscribed to the conversation's
 * messages list as the SDK does it (configuration, the user's conversation, the list's last event
 * id, {@code /v4/Subscriptions}).
 * Messages are posted round-robin with {@code POST /v1/Conversations/{sid}/Messages}; each body is
 * {@code <id>.<conversation>.<nanos>}, so a receipt names its message, where it should have gone
 * and when it was sent (loader and receivers share this JVM's clock).
 *
 * <p>Phases, each drained before the next: warm-up (15 s unless told, closed loop, not reported:
 * the JIT needs it), full speed ({@code seconds}, {@code concurrency} posts in flight), then a constant
 * rate: half the full-speed figure (posts delivered to every member per second), which issue 16
 * sets its latency target at, or {@code rate} posts/s when it is not 0; 3 s warm-up, {@code seconds}
 * recorded, latency measured from each post's due time (no coordinated omission). Every
 * acknowledged post of every phase must arrive exactly once at every member.
 *
 * <p>Usage: Fanout host port account authToken conversations seconds concurrency rate [members
 * [server-pid [warm-up-seconds]]]; with the pid it also prints the server's CPU per post in each
 * phase. Prints
 * {@code key=value} lines.
 */
public class Fanout {
  private static final int CAPACITY = 1_000_000;
  private static final byte[] TEXT = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ADDED = "\"list_item_added\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ESTABLISHED =
      "\"subscription_established\"".getBytes(StandardCharsets.US_ASCII);

  /** 0 not posted, 1 acknowledged (201), 2 failed. */
  private static final AtomicIntegerArray posted = new AtomicIntegerArray(CAPACITY);

  /** Per receipt slot {@code id * members + member}: how often it came, its latency, when. */
  private static AtomicIntegerArray received;

  private static long[] latency;
  private static long[] receivedAt;
  private static int members;
  private static final long[] ackLatency = new long[CAPACITY];

  /** Per post: from its due time to its hand-over to the HTTP client (the generator's own lag). */
  private static final long[] sendLag = new long[CAPACITY];
  private static final AtomicLong misrouted = new AtomicLong();
  private static final AtomicInteger next = new AtomicInteger();
  private static String[] conversations;
  private static Backend backend;

  /**
   * Runs the benchmark; any failure (a set-up request timing out) ends the process at once, which
   * Vert.x's non-daemon threads would otherwise keep alive until the 10-minute limit.
   */
  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception | Error e) {
      System.err.println("fanout: failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int count = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    int concurrency = Integer.parseInt(args[6]);
    int rate = Integer.parseInt(args[7]);
    members = args.length > 8 ? Integer.parseInt(args[8]) : 1;
    ServerCpu server = new ServerCpu(args.length > 9 ? args[9] : null);
    int warmSeconds = args.length > 10 ? Integer.parseInt(args[10]) : 15;
    received = new AtomicIntegerArray(CAPACITY * members);
    latency = new long[CAPACITY * members];
    receivedAt = new long[CAPACITY * members];
    Vertx vertx = Vertx.vertx();
    vertx.setTimer(
        TimeUnit.MINUTES.toMillis(10),
        timer -> {
          System.err.println("fanout: still running after 10 minutes; giving up");
          System.exit(2);
        });
    backend =
        new Backend(vertx, args[0], Integer.parseInt(args[1]), args[2], args[3], concurrency * 2)
            .setUp();
    WebSocketClient sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(count * members + 1)
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20));
    conversations = new String[count];
    List<Twilsock> connections = new ArrayList<>();
    for (int from = 0; from < count; from += 32) {
      List<Future<List<Twilsock>>> batch = new ArrayList<>();
      for (int k = from; k < Math.min(count, from + 32); k++) {
        batch.add(conversation(sockets, k));
      }
      for (Future<List<Twilsock>> f : batch) {
        connections.addAll(join(f));
      }
    }
    say("conversations", count);
    say("members", members);

    int warm = phase(closedLoop(concurrency, warmSeconds));
    int fullFrom = next.get();
    long fullStart = System.nanoTime();
    Map<String, Long> cpu = server.millis();
    int fullTo = phase(closedLoop(concurrency, seconds));
    long postedEnd = lastAck;
    server.report("full", cpu, fullTo - fullFrom).forEach(Fanout::say);
    drain(fullFrom, fullTo);
    double fullDelivered = report("full", fullFrom, fullTo, fullStart, postedEnd);

    // The maximum rate is the full-speed one: posts that reached every member, per second.
    long maximum = Math.round(fullDelivered / members);
    say("max_rate", maximum);
    if (rate == 0) {
      rate = (int) Math.max(1, Math.round(maximum / 2.0));
    }
    say("rate_used", rate);
    phase(constantRate(vertx, rate, 3));
    int rateFrom = next.get();
    long rateStart = System.nanoTime();
    cpu = server.millis();
    long[] gcBefore = ownGc();
    int rateTo = phase(constantRate(vertx, rate, seconds));
    long[] gcAfter = ownGc();
    // This JVM's own collections during the phase: a pause here delays receipts it times.
    say("rate_client_gcs", gcAfter[0] - gcBefore[0]);
    say("rate_client_gc_ms", gcAfter[1] - gcBefore[1]);
    server.report("rate", cpu, rateTo - rateFrom).forEach(Fanout::say);
    drain(rateFrom, rateTo);
    report("rate", rateFrom, rateTo, rateStart, lastAck);

    drain(0, next.get());
    long acked = 0, failed = 0, lost = 0, duplicated = 0, strays = 0;
    for (int id = 0; id < next.get(); id++) {
      int state = posted.get(id);
      acked += state == 1 ? 1 : 0;
      failed += state == 2 ? 1 : 0;
      for (int m = 0; m < members; m++) {
        int times = received.get(id * members + m);
        lost += state == 1 && times == 0 ? 1 : 0;
        duplicated += times > 1 ? 1 : 0;
        strays += state != 1 && times > 0 ? 1 : 0;
      }
    }
    say("warmup_posts", warm);
    say("acked", acked);
    say("failed", failed);
    say("lost", lost);
    say("duplicated", duplicated);
    say("misrouted", misrouted.get());
    say("received_but_failed", strays);
    for (Twilsock c : connections) {
      c.close();
    }
    System.exit(0);
  }

  /** Conversation {@code k} with its participants, each connected and subscribed. */
  private static Future<List<Twilsock>> conversation(WebSocketClient sockets, int k) {
    return backend
        .post("/v1/Conversations", Map.of("FriendlyName", "bench " + k))
        .compose(
            c -> {
              conversations[k] = c.body().path("sid").asText();
              List<Future<Twilsock>> joined = new ArrayList<>();
              for (int m = 0; m < members; m++) {
                joined.add(member(sockets, k, m));
              }
              return Future.all(joined).map(all -> all.<Twilsock>list());
            });
  }

  /** Participant {@code fan-k-m} of conversation {@code k}, connected and subscribed. */
  private static Future<Twilsock> member(WebSocketClient sockets, int k, int m) {
    String identity = "fan-" + k + "-" + m;
    Promise<Void> established = Promise.promise();
    return backend
        .post(
            "/v1/Conversations/" + conversations[k] + "/Participants",
            Map.of("Identity", identity))
        .compose(p -> Twilsock.connect(sockets, backend.host, backend.port))
        .compose(
            socket ->
                socket
                    .init(backend.token(identity))
                    .compose(i -> socket.request("GET", "/Client/v2/Configuration", null))
                    .compose(
                        i ->
                            socket.request(
                                "GET",
                                "/Client/v2/Services/"
                                    + backend.serviceSid
                                    + "/Users/"
                                    + identity
                                    + "/Conversations/"
                                    + conversations[k],
                                null))
                    .compose(
                        membership -> {
                          String list = membership.body().path("sync_objects").path("messages").asText();
                          return socket
                              .request("GET", "/v3/Lists/" + list, null)
                              .compose(
                                  l -> {
                                    socket.listen(
                                        (c, type, frame, from, to) ->
                                            heard(k, m, established, type, frame, from, to));
                                    return socket.subscribe(
                                        list, "list", l.body().path("last_event_id").asLong(), k);
                                  });
                        })
                    .compose(s -> established.future())
                    .map(socket));
  }

  private static void heard(
      int k, int m, Promise<Void> established, String type, byte[] frame, int from, int to) {
    long now = System.nanoTime();
    if (Twilsock.indexOf(frame, from, to, ESTABLISHED) >= 0) {
      established.tryComplete();
      return;
    }
    if (!"com.twilio.rtd.cds.list".equals(type) || Twilsock.indexOf(frame, from, to, ADDED) < 0) {
      return;
    }
    int at = Twilsock.indexOf(frame, from, to, TEXT) + TEXT.length;
    long[] parts = new long[3];
    for (int part = 0; part < 3; part++, at++) {
      long value = 0;
      while (frame[at] >= '0' && frame[at] <= '9') {
        value = value * 10 + (frame[at++] - '0');
      }
      parts[part] = value;
    }
    int id = (int) parts[0];
    if (parts[1] != k) {
      misrouted.incrementAndGet();
    }
    int slot = id * members + m;
    if (received.incrementAndGet(slot) == 1) {
      latency[slot] = now - parts[2];
      receivedAt[slot] = now;
    }
  }

  private static volatile long lastAck;

  /** Posts message {@code id} (due at {@code due}); counts its answer. */
  private static Future<Integer> post(int id, long due) {
    int k = id % conversations.length;
    String body = "Author=bench&Body=" + id + "." + k + "." + due;
    sendLag[id] = System.nanoTime() - due;
    return backend
        .postEncoded("/v1/Conversations/" + conversations[k] + "/Messages", body)
        .andThen(
            answer -> {
              long now = System.nanoTime();
              lastAck = now;
              ackLatency[id] = now - due;
              posted.set(id, answer.succeeded() && answer.result() == 201 ? 1 : 2);
            });
  }

  /** {@code concurrency} posts in flight for {@code seconds}. */
  private static CountDownLatch closedLoop(int concurrency, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      chain(deadline, done);
    }
    return done;
  }

  private static void chain(long deadline, CountDownLatch done) {
    long now = System.nanoTime();
    if (now >= deadline || next.get() >= CAPACITY - 1) {
      done.countDown();
      return;
    }
    post(next.getAndIncrement(), now).onComplete(ignored -> chain(deadline, done));
  }

  /** Request i due at start + i/rate, for {@code seconds}. */
  private static CountDownLatch constantRate(Vertx vertx, int rate, int seconds) {
    int total = rate * seconds;
    int first = next.get();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + 20_000_000L;
    AtomicInteger sent = new AtomicInteger();
    vertx.setPeriodic(
        1,
        timer -> {
          long now = System.nanoTime();
          while (sent.get() < total) {
            long due = start + (long) sent.get() * 1_000_000_000L / rate;
            if (due > now) {
              break;
            }
            sent.incrementAndGet();
            post(next.getAndIncrement(), due).onComplete(ignored -> done.countDown());
          }
          if (sent.get() >= total) {
            vertx.cancelTimer(timer);
          }
        });
    return done;
  }

  private static int phase(CountDownLatch done) throws InterruptedException {
    done.await();
    return next.get();
  }

  /** Waits until every acknowledged post in [from, to) has arrived, or 10 s without progress. */
  private static void drain(int from, int to) throws InterruptedException {
    long missing = Long.MAX_VALUE;
    long progress = System.nanoTime();
    while (System.nanoTime() - progress < TimeUnit.SECONDS.toNanos(10)) {
      long now = 0;
      for (int id = from; id < to; id++) {
        for (int m = 0; m < members; m++) {
          now += posted.get(id) == 1 && received.get(id * members + m) == 0 ? 1 : 0;
        }
      }
      if (now == 0) {
        break;
      }
      if (now < missing) {
        missing = now;
        progress = System.nanoTime();
      }
      Thread.sleep(50);
    }
    Thread.sleep(500); // time for a duplicate to show
  }

  /** Prints the phase's figures; returns its receipts per second (posts × members). */
  private static double report(String name, int from, int to, long start, long postedEnd) {
    long ok = 0, failed = 0, arrived = 0, last = start;
    long[] delays = new long[(to - from) * members];
    long[] acks = new long[to - from];
    long[] lags = new long[to - from];
    int n = 0;
    for (int id = from; id < to; id++) {
      if (posted.get(id) != 1) {
        failed++;
        continue;
      }
      lags[(int) ok] = sendLag[id];
      acks[(int) ok++] = ackLatency[id];
      for (int slot = id * members; slot < (id + 1) * members; slot++) {
        if (received.get(slot) > 0) {
          arrived++;
          delays[n++] = latency[slot];
          last = Math.max(last, receivedAt[slot]);
        }
      }
    }
    delays = Arrays.copyOf(delays, n);
    acks = Arrays.copyOf(acks, (int) ok);
    lags = Arrays.copyOf(lags, (int) ok);
    Arrays.sort(lags);
    Arrays.sort(delays);
    Arrays.sort(acks);
    say(name + "_posted", ok);
    say(name + "_failed", failed);
    say(name + "_post_rps", String.format("%.0f", ok / ((postedEnd - start) / 1e9)));
    say(name + "_received", arrived);
    double receivedRate = arrived / ((last - start) / 1e9);
    say(name + "_received_rps", String.format("%.0f", receivedRate));
    say(name + "_p50", ms(delays, 0.50));
    say(name + "_p90", ms(delays, 0.90));
    say(name + "_p99", ms(delays, 0.99));
    say(name + "_max", ms(delays, 1.0));
    say(name + "_ack_p50", ms(acks, 0.50));
    say(name + "_ack_p99", ms(acks, 0.99));
    say(name + "_send_lag_p99", ms(lags, 0.99));
    stalls(name, from, to, n == 0 ? 0 : delays[Math.max(0, (int) Math.ceil(0.99 * n) - 1)]);
    return receivedRate;
  }

  /**
   * Where the tail sits in time: the receipts at or above the phase's p99, by the 100 ms window
   * their post was due in. Few windows holding most of them is a stall (a pause, a checkpoint, a
   * burst of other work on the machine), many a steady cost. Prints how many windows hold them and
   * the worst five as {@code due:max_ms:count}, the due time in this machine's monotonic clock
   * (System.nanoTime, CLOCK_MONOTONIC on Linux: the same in the server's logs and JFR), in ms.
   */
  private static void stalls(String name, int from, int to, long p99) {
    Map<Long, long[]> windows = new java.util.TreeMap<>();
    for (int id = from; id < to; id++) {
      for (int slot = id * members; slot < (id + 1) * members && posted.get(id) == 1; slot++) {
        if (received.get(slot) > 0 && latency[slot] >= p99) {
          long due = receivedAt[slot] - latency[slot];
          long[] w = windows.computeIfAbsent(due / 100_000_000L, k -> new long[2]);
          w[0] = Math.max(w[0], latency[slot]);
          w[1]++;
        }
      }
    }
    say(name + "_tail_windows", windows.size());
    say(
        name + "_tail_worst",
        windows.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
            .limit(5)
            .map(e -> e.getKey() * 100 + ":" + e.getValue()[0] / 1_000_000 + ":" + e.getValue()[1])
            .collect(java.util.stream.Collectors.joining(",")));
  }

  /** This JVM's garbage collections so far: count and milliseconds. */
  private static long[] ownGc() {
    long count = 0, millis = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static String ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "-";
    }
    int at = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return String.format("%.2f", sorted[Math.max(0, at)] / 1e6);
  }

  private static void say(String key, Object value) {
    System.out.println(key + "=" + value);
  }

  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
