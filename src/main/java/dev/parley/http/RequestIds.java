package dev.parley.http;

import dev.parley.ids.RandomSids;
import io.vertx.ext.web.RoutingContext;

/** Gives each request a Twilio-style {@code RQ…} id, answered as {@code Twilio-Request-Id}. */
public final class RequestIds {
  private static final String KEY = "parley.request_id";
  private static final RandomSids RANDOM = new RandomSids();

  private RequestIds() {}

  public static void assign(RoutingContext ctx) {
    String id = "RQ" + RANDOM.secret(16);
    ctx.put(KEY, id);
    ctx.response().putHeader("Twilio-Request-Id", id);
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "unknown" : id;
  }
}
