package dev.parley.api.parley;

import dev.parley.http.BasicAuth;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.SidPrefix;
import dev.parley.webhooks.DeliveryHistory;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parley's own {@code /parley/v1/Webhooks/Deliveries}: the history of an account's webhook
 * deliveries, newest first, and replaying a dead-lettered one.
 */
public final class WebhookDeliveriesApi {
  private static final String PATH = WebhookDeliveryView.PATH;
  private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");
  private final DeliveryHistory history;
  private final PublicUrl base;

  public WebhookDeliveriesApi(DeliveryHistory history, PublicUrl base) {
    this.history = history;
    this.base = base;
  }

  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    String status = query.oneOf("Status", STATUSES);
    String conversation = query.sid("ConversationSid", SidPrefix.CONVERSATION);
    Paging paging = Paging.parse(query, 50, 1000);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("Status", status);
    echo.put("ConversationSid", conversation);
    String account = BasicAuth.principal(ctx).accountSid();
    Replies.json(
        ctx,
        200,
        () ->
            paging.reply(
                base,
                PATH,
                echo,
                "deliveries",
                history
                    .page(account, status, conversation, paging.request())
                    .map(entry -> WebhookDeliveryView.of(entry, base))));
  }

  public void fetch(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    String sid = ctx.pathParam("Sid");
    Replies.json(ctx, 200, () -> WebhookDeliveryView.of(history.find(account, sid), base));
  }

  public void replay(RoutingContext ctx) {
    String account = BasicAuth.principal(ctx).accountSid();
    String sid = ctx.pathParam("Sid");
    Replies.json(ctx, 200, () -> WebhookDeliveryView.of(history.replay(account, sid), base));
  }
}
