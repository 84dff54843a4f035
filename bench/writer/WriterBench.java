package dev.parley.app;

import dev.parley.conversation.MessageService;
import dev.parley.conversation.NewMessage;
import dev.parley.conversation.Scope;
import dev.parley.conversation.ServiceDirectory;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ConversationSid;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writer's CPU per message post (SQLite's, or PostgreSQL's writers' and backends' with
 * -Ddatabase), without HTTP (bench/writer-cpu.sh): Parley starts in this JVM on a fresh store,
 * 64 web chats are made over HTTP, then 64 threads post messages through {@code MessageService}
 * (round-robin over the 64 conversations) and the writer threads' CPU time (ThreadMXBean) is
 * divided by the posts of the measured seconds. Without HTTP, the event loop and wrk, the batches
 * stay full whatever the machine's load, so the writer's figure moves less from run to run than
 * bench/webchat-cpu.sh's. In Parley's package for the wiring (read by reflection);
 * {@code -Ddrop="SQL;SQL"} runs statements on the store before the posts (an A/B of an index).
 * Arguments: warm-up seconds, measured seconds, posting threads (64).
 */
public class WriterBench {
  public static void main(String[] args) throws Exception {
    int warm = Integer.parseInt(args[0]), secs = Integer.parseInt(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    String account = "AC" + "0".repeat(31) + "1", token = "t".repeat(32);
    Path dir = Files.createTempDirectory("writerbench");
    // -Ddatabase=postgresql://… runs on PostgreSQL (-Djdbc=jdbc:postgresql://…, the same
    // database, reads its backends' CPU and transactions); SQLite in a temporary directory else.
    String database = System.getProperty("database");
    Parley parley =
        Parley.start(new Config("127.0.0.1", 0, dir, null, account, token, null, database));
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString((account + ":" + token).getBytes());
    String base = "http://127.0.0.1:" + parley.port();
    String addresses =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/Configuration/Addresses?Type=chat"))
                    .header("Authorization", auth)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher am = Pattern.compile("\"sid\": *\"(IG[0-9a-f]{32})\"").matcher(addresses);
    am.find();
    String body =
        "AddressSid="
            + am.group(1)
            + "&ChatFriendlyName=Bench&CustomerFriendlyName=Visitor&PreEngagementData=%7B%22friendlyName%22%3A%22Ann%22%7D";
    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String r =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/v2/WebChats"))
                      .header("Authorization", auth)
                      .header("Ui-Version", "bench")
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = Pattern.compile("\"conversation_sid\": *\"(CH[0-9a-f]{32})\"").matcher(r);
      if (!m.find()) throw new IllegalStateException(r);
      conversations.add(m.group(1));
    }
    String drop = System.getProperty("drop", "");
    if (!drop.isEmpty()) {
      try (var c =
          java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"))) {
        c.createStatement().execute("PRAGMA busy_timeout = 10000");
        for (String sql : drop.split(";")) c.createStatement().execute(sql);
      }
    }
    var f = Parley.class.getDeclaredField("wiring");
    f.setAccessible(true);
    Wiring wiring = (Wiring) f.get(parley);
    MessageService messages = wiring.messages();
    ServiceDirectory directory = wiring.directory();
    Scope scope = directory.scope(AccountSid.of(account), null);
    AtomicBoolean go = new AtomicBoolean(true);
    LongAdder posts = new LongAdder();
    List<Thread> posters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int start = t;
      Thread th =
          new Thread(
              () -> {
                int i = start;
                while (go.get()) {
                  messages.create(
                      scope,
                      new ConversationSid(conversations.get(i++ % 64)),
                      new NewMessage(
                          "visitor",
                          "Hello from the bench",
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null));
                  posts.increment();
                }
              },
              "poster-" + t);
      th.start();
      posters.add(th);
    }
    Thread.sleep(warm * 1000L);
    var mx = ManagementFactory.getThreadMXBean();
    List<Long> writerIds = new ArrayList<>();
    for (Thread th : Thread.getAllStackTraces().keySet())
      if (th.getName().startsWith("parley-sqlite-writer")
          || th.getName().startsWith("parley-postgresql-writer-")) writerIds.add(th.getId());
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long p0 = posts.sum(),
        w0 = cpu(mx, writerIds),
        d0 = backends(),
        x0 = transactions(),
        c0 = os.getProcessCpuTime(),
        t0 = System.nanoTime(),
        b0 = written();
    long pc0 = 0;
    for (Thread th : posters) pc0 += mx.getThreadCpuTime(th.getId());
    Thread.sleep(secs * 1000L);
    long p1 = posts.sum(),
        w1 = cpu(mx, writerIds),
        d1 = backends(),
        x1 = transactions(),
        c1 = os.getProcessCpuTime(),
        t1 = System.nanoTime(),
        b1 = written();
    long pc1 = 0;
    for (Thread th : posters) pc1 += mx.getThreadCpuTime(th.getId());
    long n = p1 - p0;
    System.out.printf(
        "posts %d (%.0f/s) writer %.4f ms/post, posters %.4f ms/post, process %.4f ms/post,"
            + " written %.1f KB/post%n",
        n,
        n / ((t1 - t0) / 1e9),
        (w1 - w0) / 1e6 / n,
        (pc1 - pc0) / 1e6 / n,
        (c1 - c0) / 1e6 / n,
        (b1 - b0) / 1024.0 / n);
    if (database != null) {
      System.out.printf(
          "postgres backends %.4f ms/post, %.2f posts per transaction%n",
          (d1 - d0) * 10.0 / n,
          (double) n / (x1 - x0));
    }
    go.set(false);
    for (Thread th : posters) th.join();
    parley.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    System.exit(0);
  }

  private static long cpu(java.lang.management.ThreadMXBean mx, List<Long> threads) {
    long sum = 0;
    for (long id : threads) sum += mx.getThreadCpuTime(id);
    return sum;
  }

  /** Clock ticks (100 a second) of the backends serving -Djdbc's database, or 0. */
  private static long backends() throws Exception {
    String jdbc = System.getProperty("jdbc");
    if (jdbc == null) return 0;
    long ticks = 0;
    try (var c = java.sql.DriverManager.getConnection(jdbc);
        var rows =
            c.createStatement()
                .executeQuery(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
      while (rows.next()) {
        Path stat = Path.of("/proc/" + rows.getInt(1) + "/stat");
        if (!Files.exists(stat)) continue;
        String line = Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      }
    }
    return ticks;
  }

  /** Transactions committed and rolled back in -Djdbc's database, or 0. */
  private static long transactions() throws Exception {
    String jdbc = System.getProperty("jdbc");
    if (jdbc == null) return 0;
    try (var c = java.sql.DriverManager.getConnection(jdbc);
        var rows =
            c.createStatement()
                .executeQuery(
                    "SELECT xact_commit + xact_rollback FROM pg_stat_database"
                        + " WHERE datname = current_database()")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Bytes the process has written ({@code wchar} of /proc/self/io): nearly all of it the store's
   * log pages, which with full batches moves with the pages a post dirties, not with the load.
   */
  private static long written() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io")))
      if (line.startsWith("wchar:")) return Long.parseLong(line.substring(6).trim());
    return 0;
  }
}
