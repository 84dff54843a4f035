package dev.parley.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose first request head (request line and headers) has not arrived within
 * the limit. Vert.x's idle timeout alone lets a slowloris client that sends a byte every few
 * seconds hold a connection forever; this bounds the whole head. Later requests on a kept-alive
 * connection are bounded by the idle timeout.
 */
public final class HeaderDeadlines {
  private static final Logger log = LoggerFactory.getLogger(HeaderDeadlines.class);

  private final Vertx vertx;
  private final long millis;
  private final Map<HttpConnection, Long> pending = new ConcurrentHashMap<>();

  public HeaderDeadlines(Vertx vertx, Duration limit) {
    this.vertx = vertx;
    this.millis = limit.toMillis();
  }

  /** For {@code HttpServer.connectionHandler}: starts the clock on a new connection. */
  public void connected(HttpConnection connection) {
    pending.put(
        connection,
        vertx.setTimer(
            millis,
            id -> {
              if (pending.remove(connection) != null) {
                log.info(
                    "event=request_head_timeout remote={} limit_ms={}",
                    connection.remoteAddress(),
                    millis);
                connection.close();
              }
            }));
    connection.closeHandler(closed -> stop(connection));
  }

  /** {@code next}, once the clock of the request's connection is stopped. */
  public Handler<HttpServerRequest> then(Handler<HttpServerRequest> next) {
    return request -> {
      stop(request.connection());
      next.handle(request);
    };
  }

  private void stop(HttpConnection connection) {
    Long timer = pending.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  /** Connections still waiting for their first request head (a gauge for tests and metrics). */
  public int waiting() {
    return pending.size();
  }
}
