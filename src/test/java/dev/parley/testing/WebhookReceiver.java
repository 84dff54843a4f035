package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A webhook receiver on a free local port, fresh for each test: records every request and answers
 * with the scripted replies in order (then 200 with an empty body).
 */
public final class WebhookReceiver implements BeforeEachCallback, AfterEachCallback {
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  /** One received request; {@code params} are the form body's or the query's fields. */
  public record Request(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      Map<String, String> params) {
    public String param(String name) {
      return params.get(name);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** How to answer one request. */
  public record Reply(int status, String body, Duration delay) {
    public static Reply status(int status) {
      return new Reply(status, "", Duration.ZERO);
    }

    public static Reply json(String body) {
      return new Reply(200, body, Duration.ZERO);
    }

    public static Reply after(Duration delay) {
      return new Reply(200, "", delay);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop(0);
    requests.clear();
    script.clear();
  }

  /** The absolute URL of {@code path} on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the next requests with {@code replies}, in order. */
  public void reply(Reply... replies) {
    script.addAll(List.of(replies));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests of {@code eventType}, waiting until there are {@code count} of them. */
  public List<Request> await(String eventType, int count) {
    return await(r -> eventType.equals(r.param("EventType")), count);
  }

  public List<Request> await(Predicate<Request> which, int count) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests.stream().filter(which).count() >= count);
    return requests.stream().filter(which).toList();
  }

  /** The requests of {@code eventType} so far, without waiting. */
  public List<Request> received(String eventType) {
    return requests.stream().filter(r -> eventType.equals(r.param("EventType"))).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getRawQuery();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
    boolean get = exchange.getRequestMethod().equals("GET");
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            query,
            headers,
            parse(get ? query : body)));
    Reply reply = script.poll();
    if (reply == null) {
      reply = Reply.status(200);
    }
    try {
      Thread.sleep(reply.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
    if (!reply.body().isEmpty()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
    try (var stream = exchange.getResponseBody()) {
      stream.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return params;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  /** For assertions that list what arrived. */
  public List<String> eventTypes() {
    List<String> types = new ArrayList<>();
    requests.forEach(r -> types.add(r.param("EventType")));
    return types;
  }
}
