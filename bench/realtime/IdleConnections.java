import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle realtime connections, each as an idle SDK leaves it: {@code init}ed with its own user's
 * token, the configuration read and the user's conversations map subscribed. Connections are
 * spread over the given loopback source addresses (each gives ~28k ephemeral ports towards the
 * server). They are opened up to each checkpoint in turn; at each, the count is written to {@code
 * <dir>/at} and the program waits for {@code <dir>/go} (the script measures the server meanwhile).
 * After the last it waits for {@code <dir>/stop}, then closes everything.
 *
 * <p>Usage: IdleConnections host port account authToken sources concurrency dir checkpoint...
 */
public class IdleConnections {
  private static final byte[] ESTABLISHED =
      "\"subscription_established\"".getBytes(StandardCharsets.US_ASCII);

  private static final Queue<Twilsock> open = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger failed = new AtomicInteger();
  private static final Map<String, Integer> reasons = new ConcurrentHashMap<>();
  private static final AtomicInteger next = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    Backend backend =
        new Backend(vertx, args[0], Integer.parseInt(args[1]), args[2], args[3], 4).setUp();
    List<WebSocketClient> clients = new ArrayList<>();
    for (String source : args[4].split(",")) {
      clients.add(
          vertx.createWebSocketClient(
              new WebSocketClientOptions()
                  .setLocalAddress(source)
                  .setMaxConnections(Integer.MAX_VALUE)
                  .setConnectTimeout(30_000)));
    }
    int concurrency = Integer.parseInt(args[5]);
    Path dir = Path.of(args[6]);
    long started = System.nanoTime();
    for (int a = 7; a < args.length; a++) {
      int target = Integer.parseInt(args[a]);
      CountDownLatch done = new CountDownLatch(concurrency);
      for (int i = 0; i < concurrency; i++) {
        chain(backend, clients, target, done);
      }
      done.await();
      String at =
          "open=" + open.size() + " failed=" + failed.get() + " seconds="
              + (System.nanoTime() - started) / 1_000_000_000L + " reasons=" + reasons;
      System.err.println("idle: " + at);
      Files.writeString(dir.resolve("at"), at + "\n");
      await(dir.resolve(a == args.length - 1 ? "stop" : "go"));
      Files.deleteIfExists(dir.resolve("go"));
    }
    open.forEach(Twilsock::close);
    System.exit(0);
  }

  /** Opens connections one after another until {@code target} have been tried. */
  private static void chain(
      Backend backend, List<WebSocketClient> clients, int target, CountDownLatch done) {
    int i = next.getAndUpdate(n -> n < target ? n + 1 : n);
    if (i >= target || failed.get() > 1000) {
      done.countDown();
      return;
    }
    idle(backend, clients.get(i % clients.size()), "idle-" + i)
        .onComplete(
            opened -> {
              if (opened.succeeded()) {
                open.add(opened.result());
              } else {
                failed.incrementAndGet();
                reasons.merge(String.valueOf(opened.cause()), 1, Integer::sum);
              }
              chain(backend, clients, target, done);
            });
  }

  private static Future<Twilsock> idle(Backend backend, WebSocketClient client, String identity) {
    Promise<Void> established = Promise.promise();
    return Twilsock.connect(client, backend.host, backend.port)
        .compose(
            socket ->
                socket
                    .init(backend.token(identity))
                    .compose(i -> socket.request("GET", "/Client/v2/Configuration", null))
                    .compose(
                        c -> {
                          String map =
                              c.body().path("sync_objects").path("my_conversations").asText();
                          return socket
                              .request("GET", "/v3/Maps/" + map, null)
                              .compose(
                                  m -> {
                                    socket.listen(
                                        (s, type, frame, from, to) -> {
                                          if (Twilsock.indexOf(frame, from, to, ESTABLISHED) >= 0) {
                                            established.tryComplete();
                                          }
                                        });
                                    return socket.subscribe(
                                        map, "map", m.body().path("last_event_id").asLong(), 1);
                                  });
                        })
                    .compose(s -> established.future())
                    .map(
                        ignored -> {
                          socket.listen((s, type, frame, from, to) -> {});
                          return socket;
                        })
                    .timeout(60, TimeUnit.SECONDS)
                    .onFailure(ignored -> socket.close()));
  }

  private static void await(Path file) throws InterruptedException {
    while (!Files.exists(file)) {
      Thread.sleep(100);
    }
  }
}
