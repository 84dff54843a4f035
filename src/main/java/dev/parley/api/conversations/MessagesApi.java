package dev.parley.api.conversations;

import dev.parley.conversation.MessageChanges;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.NewMessage;
import dev.parley.error.ApiException;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.MessageSid;
import dev.parley.ids.SidPrefix;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/Conversations/{ConversationSid}/Messages} and its service-scoped twin. The
 * conversation may be named by SID or unique name; the message only by its IM SID.
 */
public final class MessagesApi {
  private static final Set<String> ORDERS = Set.of("asc", "desc");
  private final MessageService messages;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public MessagesApi(MessageService messages, ScopedPaths paths, PublicUrl base) {
    this.messages = messages;
    this.paths = paths;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewMessage request =
        new NewMessage(
            form.string("Author"),
            form.string("Body"),
            form.attributes("Attributes"),
            form.date("DateCreated"),
            form.date("DateUpdated"),
            mediaSids(form),
            form.sid("ContentSid", SidPrefix.CONTENT),
            form.json("ContentVariables"),
            form.string("Subject"));
    paths.answer(
        ctx,
        201,
        at -> {
          var message = messages.create(at.scope(), ScopedPaths.conversation(ctx), request);
          return ScopedViews.message(message, base, at.prefix());
        });
  }

  /** {@code MediaSid}, repeatable (one per attachment), each an ME SID. */
  private static List<String> mediaSids(Params form) {
    List<String> sids = form.strings("MediaSid");
    for (String sid : sids) {
      if (!SidPrefix.MEDIA.matches(sid)) {
        throw ApiException.invalid("MediaSid", "must be a ME SID");
      }
    }
    return sids;
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at -> {
          var message =
              messages.find(
                  at.scope(),
                  ScopedPaths.conversation(ctx),
                  MessageSid.named(ctx.pathParam("Sid")));
          return ScopedViews.message(message, base, at.prefix());
        });
  }

  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    String order = query.oneOf("Order", ORDERS);
    Paging paging = Paging.parse(query, 50, 100);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("Order", order);
    paths.answer(
        ctx,
        200,
        at -> {
          var slice =
              messages
                  .page(
                      at.scope(),
                      ScopedPaths.conversation(ctx),
                      "desc".equals(order),
                      paging.request())
                  .map(m -> ScopedViews.message(m, base, at.prefix()));
          // The request's own path, so a unique-name alias stays as the client wrote it.
          return paging.reply(base, ctx.request().path(), echo, "messages", slice);
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    MessageChanges changes =
        new MessageChanges(
            form.string("Author"),
            form.string("Body"),
            form.attributes("Attributes"),
            form.date("DateCreated"),
            form.date("DateUpdated"),
            form.string("Subject"));
    paths.answer(
        ctx,
        200,
        at -> {
          var message =
              messages.update(
                  at.scope(),
                  ScopedPaths.conversation(ctx),
                  MessageSid.named(ctx.pathParam("Sid")),
                  changes);
          return ScopedViews.message(message, base, at.prefix());
        });
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx,
        () ->
            messages.delete(
                paths.locate(ctx).scope(),
                ScopedPaths.conversation(ctx),
                MessageSid.named(ctx.pathParam("Sid"))));
  }
}
