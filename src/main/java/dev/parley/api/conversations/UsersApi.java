package dev.parley.api.conversations;

import dev.parley.conversation.NewUser;
import dev.parley.conversation.UserChanges;
import dev.parley.conversation.UserService;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.SidPrefix;
import dev.parley.ids.UserRef;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /v1/Users} and {@code /v1/Services/{ChatServiceSid}/Users}. */
public final class UsersApi {
  private final UserService users;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public UsersApi(UserService users, ScopedPaths paths, PublicUrl base) {
    this.users = users;
    this.paths = paths;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewUser request =
        new NewUser(
            form.required("Identity", UserService.MAX_IDENTITY),
            form.string("FriendlyName", 256),
            form.attributes("Attributes"),
            form.sid("RoleSid", SidPrefix.ROLE));
    paths.answer(
        ctx, 201, at -> ScopedViews.user(users.create(at.scope(), request), base, at.prefix()));
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at ->
            ScopedViews.user(
                users.find(at.scope(), UserRef.of(ctx.pathParam("Sid"))), base, at.prefix()));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 50);
    paths.answer(
        ctx,
        200,
        at -> {
          var slice =
              users
                  .page(at.scope(), paging.request())
                  .map(u -> ScopedViews.user(u, base, at.prefix()));
          return paging.reply(base, at.prefix() + "/Users", Map.of(), "users", slice);
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    UserChanges changes =
        new UserChanges(
            form.string("FriendlyName", 256),
            form.attributes("Attributes"),
            form.sid("RoleSid", SidPrefix.ROLE));
    paths.answer(
        ctx,
        200,
        at ->
            ScopedViews.user(
                users.update(at.scope(), UserRef.of(ctx.pathParam("Sid")), changes),
                base,
                at.prefix()));
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx, () -> users.delete(paths.locate(ctx).scope(), UserRef.of(ctx.pathParam("Sid"))));
  }
}
