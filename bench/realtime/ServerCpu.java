import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The server's CPU time, by thread, from {@code /proc/<pid>/task/<tid>/stat} (user + system, fields
 * 14 and 15, in clock ticks of 10 ms). Unlike a rate, CPU per post hardly depends on how much of a
 * shared machine the server was given. Without a pid it measures nothing.
 */
final class ServerCpu {
  private final Path process;

  ServerCpu(String pid) {
    this.process = pid == null ? null : Path.of("/proc", pid);
  }

  /** CPU milliseconds so far by thread name, numbers folded ({@code vert.x-eventloo#}). */
  Map<String, Long> millis() throws IOException {
    Map<String, Long> byThread = new TreeMap<>();
    if (process == null) {
      return byThread;
    }
    try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        byThread.merge(name.replaceAll("[0-9]+", "#"), millis, Long::sum);
      }
    }
    return byThread;
  }

  /**
   * Per post since {@code before}: in all, without the JIT compiler's threads (a warm-up cost),
   * and by thread; as {@code <phase>_server_cpu_…} figures.
   */
  Map<String, Object> report(String phase, Map<String, Long> before, int posts) throws IOException {
    Map<String, Object> figures = new LinkedHashMap<>();
    if (process == null) {
      return figures;
    }
    double all = 0;
    double jit = 0;
    StringJoiner threads = new StringJoiner(",");
    for (Map.Entry<String, Long> e : millis().entrySet()) {
      double spent = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      all += spent;
      jit += e.getKey().contains("Compiler") ? spent : 0;
      if (spent / posts >= 0.01) {
        threads.add(e.getKey().replace(' ', '_') + ":" + String.format("%.2f", spent / posts));
      }
    }
    figures.put(phase + "_server_cpu_ms_per_post", String.format("%.3f", all / posts));
    figures.put(
        phase + "_server_cpu_ms_per_post_without_jit", String.format("%.3f", (all - jit) / posts));
    figures.put(phase + "_server_cpu_by_thread", threads);
    return figures;
  }
}
