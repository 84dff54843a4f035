import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load for bench/studio.sh: each client sends its next request once the last one was
 * answered, for a warm-up (not recorded) and then a measured time.
 *
 * <pre>
 * StudioLoad executions URL AC TOKEN FW CLIENTS WARMUP_S SECONDS
 *     POST /v2/Flows/FW/Executions, each with a new To (a contact has one active execution)
 * StudioLoad paired URL AC TOKEN CHATS_FILE WARMUP_S SECONDS
 *     one client per line "CH… identity CH… identity" of CHATS_FILE posts the visitor's messages
 *     one after another, alternating between the line's first chat (no flow) and second (a flow)
 * </pre>
 *
 * Prints one line: answered_2xx other rate_per_s p50_ms p99_ms max_ms seconds; in paired mode two,
 * the first chats' then the second chats'. Alternating request by request puts both chats under
 * the same load of a shared machine, which back-to-back runs do not.
 */
public class StudioLoad {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String base = args[1];
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((args[2] + ":" + args[3]).getBytes(StandardCharsets.UTF_8));
    List<Client> clients = new ArrayList<>();
    int warmup;
    int seconds;
    if (mode.equals("executions")) {
      String path = base + "/v2/Flows/" + args[4] + "/Executions";
      int count = Integer.parseInt(args[5]);
      for (int i = 0; i < count; i++) {
        String prefix = "bench-" + i + "-";
        clients.add(
            new Client(path, n -> "To=" + prefix + n + "&From=bench&Parameters=%7B%7D", path));
      }
      warmup = Integer.parseInt(args[6]);
      seconds = Integer.parseInt(args[7]);
    } else {
      for (String line : Files.readAllLines(Path.of(args[4]))) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        String first = java.net.URLEncoder.encode(parts[1], StandardCharsets.UTF_8);
        String second = java.net.URLEncoder.encode(parts[3], StandardCharsets.UTF_8);
        String[] urls = {
          base + "/v1/Conversations/" + parts[0] + "/Messages",
          base + "/v1/Conversations/" + parts[2] + "/Messages"
        };
        String[] authors = {first, second};
        clients.add(
            new Client(
                urls[0], n -> "Author=" + authors[n % 2] + "&Body=message+" + n, urls[1]));
      }
      warmup = Integer.parseInt(args[5]);
      seconds = Integer.parseInt(args[6]);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    Tally[] tallies = {new Tally(), new Tally()};
    CountDownLatch done = new CountDownLatch(clients.size());
    for (Client client : clients) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int n = 0; System.nanoTime() < end; n++) {
                    HttpRequest request =
                        HttpRequest.newBuilder(URI.create(n % 2 == 0 ? client.url : client.other))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(client.body.of(n)))
                            .build();
                    long sent = System.nanoTime();
                    int status;
                    try {
                      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                      status = 0;
                    }
                    long answered = System.nanoTime();
                    if (sent >= measureFrom && answered <= end) {
                      Tally tally = tallies[client.url.equals(client.other) ? 0 : n % 2];
                      tally.latencies.add(answered - sent);
                      (status / 100 == 2 ? tally.ok : tally.other).incrementAndGet();
                    }
                  }
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    done.await();
    print(tallies[0], seconds);
    if (mode.equals("paired")) {
      print(tallies[1], seconds);
    }
    System.exit(0);
  }

  private static void print(Tally tally, int seconds) {
    long[] sorted = tally.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "%d %d %.1f %.2f %.2f %.2f %d%n",
        tally.ok.get(),
        tally.other.get(),
        tally.ok.get() / (double) seconds,
        ms(sorted, 0.50),
        ms(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        seconds);
  }

  private static final class Tally {
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong other = new AtomicLong();
  }

  /** {@code other}: the second chat of a pair (the same URL when there is no pair). */
  private record Client(String url, Body body, String other) {}

  private interface Body {
    String of(int n);
  }

  private static double ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
