package dev.parley.http;

import dev.parley.events.Origin;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Twilio-Webhook-Enabled}: a REST change fires post-action webhooks only when the request
 * carries it set to {@code true}, as on Twilio.
 */
public final class WebhookHeader {
  public static final String NAME = "X-Twilio-Webhook-Enabled";

  private WebhookHeader() {}

  /** Who a REST request acts as, and so which webhooks its changes fire. */
  public static Origin origin(RoutingContext ctx) {
    return Origin.api("true".equalsIgnoreCase(ctx.request().getHeader(NAME)));
  }
}
