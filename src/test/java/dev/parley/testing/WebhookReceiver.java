package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A recording webhook receiver on a free port of 127.0.0.1: it keeps every request it gets, by
 * path, and answers 200 unless told otherwise for that path (a list of statuses to answer first, or
 * to hang until released). Closing and reopening keeps the port, as a receiver's outage would.
 */
public final class WebhookReceiver implements AutoCloseable {
  /**
   * One request as it arrived: {@code url} is the full URL as called, query included; {@code body}
   * the raw body ({@code params} holds a form's fields).
   */
  public record Received(
      String method,
      String url,
      Map<String, String> headers,
      Map<String, String> params,
      String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String param(String name) {
      return params.get(name);
    }

    public String path() {
      return java.net.URI.create(url).getPath();
    }
  }

  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final List<Received> all = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Deque<String>> bodies = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private HttpServer server;
  private int port;

  public WebhookReceiver() {
    open(0);
  }

  private void open(int onPort) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /** The absolute URL of {@code path} on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Answers the next requests to {@code path} with these statuses, then 200 again. */
  public void answer(String path, Integer... statuses) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(statuses));
  }

  /** Answers the next request to {@code path} with 200 and this JSON body. */
  public void answerJson(String path, String json) {
    bodies.computeIfAbsent(path, p -> new ArrayDeque<>()).add(json);
  }

  /** Requests to {@code path} get no answer until {@link #release}. */
  public void hang(String path) {
    hanging.put(path, new CountDownLatch(1));
  }

  public void release(String path) {
    CountDownLatch latch = hanging.remove(path);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Every request to {@code path} so far, in arrival order. */
  public List<Received> received(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  /** Every request so far, to any path, in arrival order. */
  public List<Received> all() {
    return List.copyOf(all);
  }

  /** The requests whose {@code EventType} is {@code eventType}, once there are {@code count}. */
  public List<Received> awaitEvents(String eventType, int count) {
    return awaitAll(r -> eventType.equals(r.param("EventType")), count);
  }

  /** The requests that match {@code which}, once there are {@code count} of them. */
  public List<Received> awaitAll(java.util.function.Predicate<Received> which, int count) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> all.stream().filter(which).count() >= count);
    return all.stream().filter(which).toList();
  }

  /** Stops listening: calls fail to connect until {@link #reopen}. */
  public void stopListening() {
    server.stop(0);
  }

  public void reopen() {
    open(port);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String query = exchange.getRequestURI().getRawQuery();
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
      Received request =
          new Received(
              exchange.getRequestMethod(),
              "http://127.0.0.1:" + port + exchange.getRequestURI().toString(),
              headers,
              decode(exchange.getRequestMethod().equals("GET") ? query : form(headers, body)),
              body);
      received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request);
      all.add(request);
      CountDownLatch latch = hanging.get(path);
      if (latch != null) {
        latch.await(30, TimeUnit.SECONDS);
      }
      Deque<Integer> script = scripts.get(path);
      Integer status = script == null ? null : script.pollFirst();
      int answer = status == null ? 200 : status;
      if (answer >= 300 && answer < 400) {
        exchange.getResponseHeaders().add("Location", url("/moved"));
      }
      Deque<String> json = bodies.get(path);
      String reply = json == null ? null : json.pollFirst();
      if (reply != null && status == null) {
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        return;
      }
      exchange.sendResponseHeaders(answer, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The body when it is a form (or says nothing of its type), else no fields. */
  private static String form(Map<String, String> headers, String body) {
    String type = headers.getOrDefault("content-type", "");
    return type.isEmpty() || type.startsWith("application/x-www-form-urlencoded") ? body : null;
  }

  private static Map<String, String> decode(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return params;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    hanging.values().forEach(CountDownLatch::countDown);
    server.stop(0);
    threads.shutdownNow();
  }
}
