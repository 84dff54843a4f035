package dev.parley.api.conversations;

import dev.parley.conversation.DeliveryReceiptService;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.ids.MessageSid;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /v1/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts} (read only). */
public final class DeliveryReceiptsApi {
  private final DeliveryReceiptService receipts;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public DeliveryReceiptsApi(DeliveryReceiptService receipts, ScopedPaths paths, PublicUrl base) {
    this.receipts = receipts;
    this.paths = paths;
    this.base = base;
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 50);
    paths.answer(
        ctx,
        200,
        at -> {
          var slice =
              receipts
                  .page(
                      at.scope(),
                      ScopedPaths.conversation(ctx),
                      MessageSid.named(ctx.pathParam("MessageSid")),
                      paging.request())
                  .map(r -> DeliveryReceiptView.of(r, base, at.prefix()));
          return paging.reply(base, ctx.request().path(), Map.of(), "delivery_receipts", slice);
        });
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at -> {
          var receipt =
              receipts.find(
                  at.scope(),
                  ScopedPaths.conversation(ctx),
                  MessageSid.named(ctx.pathParam("MessageSid")),
                  ctx.pathParam("Sid"));
          return DeliveryReceiptView.of(receipt, base, at.prefix());
        });
  }
}
