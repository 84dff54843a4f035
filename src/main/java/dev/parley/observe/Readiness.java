package dev.parley.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node should get traffic: every named check (the store answering a trivial query)
 * passes within {@link #TIMEOUT_MILLIS}, and the node is not shutting down. Checks run on their own
 * thread, never on the event loop or the shared worker pool, so a hanging database cannot starve
 * the API; while one round is still running, later probes wait for that round instead of piling up
 * more.
 */
public final class Readiness implements AutoCloseable {
  static final long TIMEOUT_MILLIS = 2_000;

  private final Map<String, Runnable> checks = new LinkedHashMap<>();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "parley-readiness");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean shuttingDown;
  private CompletableFuture<Map<String, String>> round;

  /** Adds a check: {@code probe} returns normally when {@code name} is fine, throws otherwise. */
  public Readiness check(String name, Runnable probe) {
    checks.put(name, probe);
    return this;
  }

  /** From now on the node answers not ready, so load balancers drain it. */
  public void shuttingDown() {
    shuttingDown = true;
  }

  /**
   * The failed checks, each with why (empty when ready); completes within the timeout whatever the
   * checks do.
   */
  CompletableFuture<Map<String, String>> failures() {
    if (shuttingDown) {
      return CompletableFuture.completedFuture(Map.of("node", "shutting down"));
    }
    CompletableFuture<Map<String, String>> current;
    synchronized (this) {
      if (round == null || round.isDone()) {
        round = CompletableFuture.supplyAsync(this::runChecks, runner);
      }
      current = round;
    }
    return current
        .copy()
        .orTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .exceptionally(
            e ->
                Map.of(
                    "checks",
                    e instanceof TimeoutException
                        ? "no answer within " + TIMEOUT_MILLIS + " ms"
                        : String.valueOf(e)));
  }

  private Map<String, String> runChecks() {
    Map<String, String> failed = new LinkedHashMap<>();
    checks.forEach(
        (name, probe) -> {
          try {
            probe.run();
          } catch (RuntimeException e) {
            failed.put(name, e.getClass().getSimpleName() + ": " + e.getMessage());
          }
        });
    return failed;
  }

  @Override
  public void close() {
    shuttingDown = true;
    runner.shutdownNow();
  }
}
