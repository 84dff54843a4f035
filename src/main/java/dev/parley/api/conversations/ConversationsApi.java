package dev.parley.api.conversations;

import dev.parley.conversation.ConversationChanges;
import dev.parley.conversation.ConversationService;
import dev.parley.conversation.ConversationState;
import dev.parley.conversation.NewConversation;
import dev.parley.conversation.Timers;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Json;
import dev.parley.store.ConversationFilter;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v1/Conversations} and {@code /v1/Services/{ChatServiceSid}/Conversations}. */
public final class ConversationsApi {
  private final ConversationService conversations;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public ConversationsApi(ConversationService conversations, ScopedPaths paths, PublicUrl base) {
    this.conversations = conversations;
    this.paths = paths;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    NewConversation request = newConversation(Params.form(ctx));
    paths.answer(
        ctx,
        201,
        at ->
            ScopedViews.conversation(conversations.create(at.scope(), request), base, at.prefix()));
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at ->
            ScopedViews.conversation(
                conversations.find(at.scope(), ConversationRef.of(ctx.pathParam("Sid"))),
                base,
                at.prefix()));
  }

  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    ConversationState state = query.oneOf("State", ConversationState.class);
    ConversationFilter filter =
        new ConversationFilter(
            query.date("StartDate"), query.date("EndDate"), state == null ? null : state.wire());
    Paging paging = Paging.parse(query, 50, 100);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("StartDate", query.string("StartDate"));
    echo.put("EndDate", query.string("EndDate"));
    echo.put("State", filter.state());
    paths.answer(
        ctx,
        200,
        at -> {
          var slice =
              conversations
                  .page(at.scope(), filter, paging.request())
                  .map(c -> ScopedViews.conversation(c, base, at.prefix()));
          return paging.reply(base, at.prefix() + "/Conversations", echo, "conversations", slice);
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    ConversationChanges changes =
        new ConversationChanges(
            form.string("FriendlyName", 256),
            form.string("UniqueName", 256),
            form.date("DateCreated"),
            form.date("DateUpdated"),
            form.sid("MessagingServiceSid", SidPrefix.MESSAGING_SERVICE),
            form.attributes("Attributes"),
            state(form),
            timers(form),
            bindings(form));
    paths.answer(
        ctx,
        200,
        at ->
            ScopedViews.conversation(
                conversations.update(at.scope(), ConversationRef.of(ctx.pathParam("Sid")), changes),
                base,
                at.prefix()));
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx,
        () ->
            conversations.delete(
                paths.locate(ctx).scope(), ConversationRef.of(ctx.pathParam("Sid"))));
  }

  /** The conversation-create parameters, shared with ConversationWithParticipants. */
  static NewConversation newConversation(Params form) {
    return new NewConversation(
        form.string("FriendlyName", 256),
        form.string("UniqueName", 256),
        form.date("DateCreated"),
        form.date("DateUpdated"),
        form.sid("MessagingServiceSid", SidPrefix.MESSAGING_SERVICE),
        form.attributes("Attributes"),
        state(form),
        timers(form),
        bindings(form));
  }

  static ConversationState state(Params form) {
    return form.oneOf("State", ConversationState.class);
  }

  static Timers timers(Params form) {
    return new Timers(
        Timers.parse("Timers.Inactive", form.string("Timers.Inactive")),
        Timers.parse("Timers.Closed", form.string("Timers.Closed")));
  }

  /** {@code Bindings.Email.*} as the stored bindings JSON, or null when none was sent. */
  static String bindings(Params form) {
    String address = form.string("Bindings.Email.Address", 256);
    String name = form.string("Bindings.Email.Name", 256);
    if (address == null && name == null) {
      return null;
    }
    var email = Json.MAPPER.createObjectNode();
    email.put("projected_address", address);
    email.put("name", name);
    var bindings = Json.MAPPER.createObjectNode();
    bindings.set("email", email);
    return bindings.toString();
  }
}
