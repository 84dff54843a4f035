package dev.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * Runs a handler's domain call off the event loop and renders the answer. Failures go to the
 * router's failure handler, which writes the Twilio error body.
 */
public final class Replies {
  private Replies() {}

  /** Answers {@code status} with {@code work}'s result as JSON. */
  public static <T> void json(RoutingContext ctx, int status, Callable<T> work) {
    ctx.vertx()
        .executeBlocking(work, false)
        .onSuccess(value -> send(ctx, status, value))
        .onFailure(ctx::fail);
  }

  /** Answers 204 once {@code work} has run. */
  public static void noContent(RoutingContext ctx, Runnable work) {
    ctx.vertx()
        .executeBlocking(
            () -> {
              work.run();
              return null;
            },
            false)
        .onSuccess(ignored -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  public static void send(RoutingContext ctx, int status, Object value) {
    if (ctx.response().ended()) {
      return;
    }
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(Buffer.buffer(Json.MAPPER.writeValueAsBytes(value)));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
