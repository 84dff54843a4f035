import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load at a constant rate: request i is due at start + i/rate and its latency is
 * measured from that due time, so a stall shows up in the percentiles (no coordinated omission).
 * Usage: RateLoad <url> <user> <password> <form-body> <rate/s> <seconds>
 * Prints one line: sent ok other p50_ms p90_ms p99_ms max_ms
 */
public class RateLoad {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    String body = args[3];
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    int total = rate * seconds;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", auth)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Ui-Version", "bench")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long[] latencies = new long[total];
    AtomicLong ok = new AtomicLong();
    AtomicLong other = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + 100_000_000L;
    for (int i = 0; i < total; i++) {
      long due = start + (long) i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      int index = i;
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                latencies[index] = System.nanoTime() - due;
                if (error == null && response.statusCode() / 100 == 2) {
                  ok.incrementAndGet();
                } else {
                  other.incrementAndGet();
                  if (failures.size() < 5) {
                    failures.add(error != null ? error.toString() : "HTTP " + response.statusCode());
                  }
                }
                done.countDown();
              });
    }
    done.await();
    Arrays.sort(latencies);
    System.out.printf(
        "%d %d %d %.2f %.2f %.2f %.2f%n",
        total, ok.get(), other.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies[total - 1] / 1e6);
    failures.forEach(f -> System.err.println("failure: " + f));
    System.exit(0);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
