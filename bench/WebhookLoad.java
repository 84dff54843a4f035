import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook delivery load against a running Parley, with the receiver in this same process (one
 * Vert.x event loop on 127.0.0.1, answering 200 with no body). It creates N conversations, each
 * with a conversation-scoped webhook to the receiver for onMessageAdded, then runs two phases:
 *
 * <ol>
 *   <li>live: N clients in parallel, one per conversation, each posting M messages one after the
 *       other with X-Twilio-Webhook-Enabled: true; the lag of a delivery is the time from the
 *       message's DateCreated (stamped by Parley) to its arrival here;
 *   <li>outage: the receiver stops listening, N x B messages are posted, the receiver comes back,
 *       and the backlog is timed from the first arrival to the last (the engine alone).
 * </ol>
 *
 * A delivery counts once per idempotency token; redeliveries are counted apart. Bounded: it gives
 * up waiting 60 s after the last post. Usage: WebhookLoad <parley-url> <account> <token>
 * <receiver-port, 0 for any> <N> <M> <B>
 * [parley-pid, to report its CPU time per phase]. Prints one line: live_posts live_post_s live_delivered
 * live_deliveries_s lag_p50_ms lag_p99_ms lag_max_ms backlog backlog_delivered
 * backlog_deliveries_s duplicates failed_posts distinct_tokens_all_phases live_cpu_ms drain_cpu_ms
 */
public class WebhookLoad {
  private static final Vertx vertx = Vertx.vertx();
  private static final Set<String> tokens = new HashSet<>();
  private static final Set<String> everyToken = new HashSet<>();
  private static final List<Long> lags = new ArrayList<>();
  private static long duplicates;
  private static long firstArrival;
  private static long lastArrival;
  private static final AtomicLong failedPosts = new AtomicLong();
  private static String auth;
  private static HttpClient client;
  private static String host;
  private static int port;

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      // Vert.x threads would keep the JVM alive after a failed run: end it here.
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    java.net.URI parley = java.net.URI.create(args[0]);
    host = parley.getHost();
    port = parley.getPort();
    auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    int receiverPort = Integer.parseInt(args[3]);
    int conversations = Integer.parseInt(args[4]);
    int perConversation = Integer.parseInt(args[5]);
    int backlogPerConversation = Integer.parseInt(args[6]);
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(conversations + 8));
    // Listen first, on a free port when asked for 0, so the webhooks name the port really held.
    HttpServer receiver = listen(receiverPort);
    receiverPort = receiver.actualPort();
    String hook = "http://127.0.0.1:" + receiverPort + "/hook";

    List<String> sids = new ArrayList<>();
    for (int i = 0; i < conversations; i++) {
      String sid = field(call("/v1/Conversations", "FriendlyName=bench-" + i, false).toCompletionStage().toCompletableFuture().get(), "sid");
      call("/v1/Conversations/" + sid + "/Webhooks",
              "Target=webhook&Configuration.Method=POST&Configuration.Filters=onMessageAdded&Configuration.Url=" + enc(hook), false)
          .toCompletionStage().toCompletableFuture().get();
      sids.add(sid);
    }

    // Warm-up, not recorded: a few messages per conversation so both JVMs compile the paths.
    postAll(sids, 20, "warm");
    awaitDelivered(conversations * 20L, 30);
    reset();

    long parleyPid = args.length > 7 ? Long.parseLong(args[7]) : -1;
    long liveCpu = cpuMillis(parleyPid);
    long liveStart = System.nanoTime();
    postAll(sids, perConversation, "live");
    double livePostSeconds = (System.nanoTime() - liveStart) / 1e9;
    long live = (long) conversations * perConversation - failedPosts.get();
    awaitDelivered(live, 60);
    double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
    liveCpu = cpuMillis(parleyPid) - liveCpu;
    long liveDelivered = delivered();
    long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
    long liveDuplicates = duplicates;
    reset();

    receiver.close().toCompletionStage().toCompletableFuture().get();
    long failedBefore = failedPosts.get();
    postAll(sids, backlogPerConversation, "backlog");
    long backlog = (long) conversations * backlogPerConversation - (failedPosts.get() - failedBefore);
    long drainCpu = cpuMillis(parleyPid);
    listen(receiverPort);
    awaitDelivered(backlog, 60);
    drainCpu = cpuMillis(parleyPid) - drainCpu;
    long backlogDelivered = delivered();
    double drainSeconds;
    int distinct;
    synchronized (tokens) {
      drainSeconds = Math.max(1, lastArrival - firstArrival) / 1e3;
      distinct = everyToken.size();
    }

    System.out.printf(
        "%d %.0f %d %.0f %d %d %d %d %d %.0f %d %d %d %d %d%n",
        live, live / livePostSeconds, liveDelivered, liveDelivered / liveSeconds,
        pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? -1 : sorted[sorted.length - 1],
        backlog, backlogDelivered, backlogDelivered / drainSeconds, liveDuplicates + duplicates, failedPosts.get(),
        distinct, liveCpu, drainCpu);
  }

  /** The receiver: counts each idempotency token once and the lag from the message's creation. */
  private static HttpServer listen(int receiverPort) throws Exception {
    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(receiverPort))
        .requestHandler(
            request ->
                request.body().onSuccess(body -> {
                  long now = System.currentTimeMillis();
                  String token = request.getHeader("I-Twilio-Idempotency-Token");
                  synchronized (tokens) {
                    everyToken.add(token);
                    if (tokens.add(token)) {
                      String created = param(body.toString(), "DateCreated");
                      if (created != null) {
                        lags.add(now - Instant.parse(created).toEpochMilli());
                      }
                    } else {
                      duplicates++;
                    }
                    if (firstArrival == 0) {
                      firstArrival = now;
                    }
                    lastArrival = now;
                  }
                  request.response().end();
                }))
        .listen()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One closed-loop client per conversation, each posting {@code count} messages in turn. */
  private static void postAll(List<String> sids, int count, String label) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(sids.size());
    for (String sid : sids) {
      vertx.runOnContext(v -> postNext(sid, 0, count, label, done));
    }
    done.await();
  }

  private static void postNext(String sid, int i, int count, String label, CountDownLatch done) {
    if (i == count) {
      done.countDown();
      return;
    }
    call("/v1/Conversations/" + sid + "/Messages", "Author=visitor&Body=" + label + "+" + i, true)
        .onComplete(r -> {
          if (r.failed()) {
            failedPosts.incrementAndGet();
          }
          postNext(sid, i + 1, count, label, done);
        });
  }

  private static Future<String> call(String path, String form, boolean webhooks) {
    RequestOptions options =
        // A request unanswered for a minute fails the run (naming it) instead of hanging it: once,
        // under a load average of 14, the 219th conversation's create was never answered.
        new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path)
            .setIdleTimeout(60_000)
            .putHeader("Authorization", auth)
            .putHeader("Content-Type", "application/x-www-form-urlencoded");
    if (webhooks) {
      options.putHeader("X-Twilio-Webhook-Enabled", "true");
    }
    Promise<String> answer = Promise.promise();
    client.request(options)
        .compose(r -> r.send(Buffer.buffer(form)))
        .compose(r -> r.body().map(b -> r.statusCode() == 201 ? b.toString() : null))
        .onComplete(r -> {
          if (r.succeeded() && r.result() != null) {
            answer.complete(r.result());
          } else {
            answer.fail(path + ": " + (r.failed() ? r.cause().toString() : "not 201"));
          }
        });
    return answer.future();
  }

  private static void awaitDelivered(long count, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (delivered() < count && System.nanoTime() < deadline) {
      Thread.sleep(5); // polling a counter, bounded by the deadline
    }
  }

  private static long delivered() {
    synchronized (tokens) {
      return tokens.size();
    }
  }

  private static void reset() {
    synchronized (tokens) {
      tokens.clear();
      lags.clear();
      duplicates = 0;
      firstArrival = 0;
      lastArrival = 0;
    }
  }

  /** Parley's CPU time so far (user + system, from /proc), or 0 without a pid. */
  private static long cpuMillis(long pid) throws java.io.IOException {
    if (pid < 0) {
      return 0;
    }
    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux)
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }

  private static long pct(long[] sorted, double q) {
    return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }

  private static String param(String form, String name) {
    for (String pair : form.split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
    return json.substring(at, json.indexOf('"', at));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
