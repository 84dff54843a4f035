import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load at a constant rate: request i is due at start + i/rate and its latency is
 * measured from that due time, so a stall shows in the percentiles (no coordinated omission).
 * Netty-based (Vert.x, from Parley's jar) so the generator takes little of the machine's two cores.
 * The first three seconds at the same rate warm up the generator's own JVM and are not recorded.
 * Usage: RateLoad <url> <user> <password> <form-body> <rate/s> <seconds>
 * Prints one line: sent ok other p50_ms p90_ms p99_ms max_ms warmup_ok
 */
public class RateLoad {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    Buffer body = Buffer.buffer(args[3]);
    int rate = Integer.parseInt(args[4]);
    int warmup = rate * 3;
    int recorded = rate * Integer.parseInt(args[5]);
    int total = warmup + recorded;
    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(uri.getHost())
            .setPort(uri.getPort())
            .setURI(uri.getRawPath())
            .putHeader("Authorization", auth)
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .putHeader("Ui-Version", "bench");
    long[] latencies = new long[total];
    AtomicLong ok = new AtomicLong();
    AtomicLong other = new AtomicLong();
    AtomicLong warmed = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + 50_000_000L;
    vertx.setPeriodic(
        1,
        timer -> {
          long now = System.nanoTime();
          // Send every request that is due by now; each keeps its own due time.
          while (next.get() < total) {
            int index = next.get();
            long due = start + (long) index * 1_000_000_000L / rate;
            if (due > now) {
              break;
            }
            next.incrementAndGet();
            client
                .request(request)
                .compose(r -> r.send(body))
                .onComplete(
                    result -> {
                      latencies[index] = System.nanoTime() - due;
                      boolean success = result.succeeded() && result.result().statusCode() / 100 == 2;
                      if (index >= warmup) {
                        (success ? ok : other).incrementAndGet();
                      } else if (success) {
                        warmed.incrementAndGet();
                      }
                      done.countDown();
                    });
          }
          if (next.get() >= total) {
            vertx.cancelTimer(timer);
          }
        });
    done.await();
    long[] measured = Arrays.copyOfRange(latencies, warmup, total);
    Arrays.sort(measured);
    System.out.printf(
        "%d %d %d %.2f %.2f %.2f %.2f %d%n",
        recorded, ok.get(), other.get(), ms(measured, 0.50), ms(measured, 0.90), ms(measured, 0.99), measured[recorded - 1] / 1e6, warmed.get());
    System.exit(0);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
