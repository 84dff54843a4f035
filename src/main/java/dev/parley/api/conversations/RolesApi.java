package dev.parley.api.conversations;

import dev.parley.conversation.NewRole;
import dev.parley.conversation.RoleService;
import dev.parley.conversation.RoleType;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** {@code /v1/Roles} and {@code /v1/Services/{ChatServiceSid}/Roles}. */
public final class RolesApi {
  private final RoleService roles;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public RolesApi(RoleService roles, ScopedPaths paths, PublicUrl base) {
    this.roles = roles;
    this.paths = paths;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    String friendlyName = form.required("FriendlyName", 64);
    form.required("Type");
    NewRole request =
        new NewRole(friendlyName, form.oneOf("Type", RoleType.class), permissions(form));
    paths.answer(ctx, 201, at -> RoleView.of(roles.create(at.scope(), request), base, at.prefix()));
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at -> RoleView.of(roles.find(at.scope(), ctx.pathParam("Sid")), base, at.prefix()));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 50);
    paths.answer(
        ctx,
        200,
        at -> {
          var slice =
              roles.page(at.scope(), paging.request()).map(r -> RoleView.of(r, base, at.prefix()));
          return paging.reply(base, at.prefix() + "/Roles", Map.of(), "roles", slice);
        });
  }

  public void update(RoutingContext ctx) {
    List<String> permissions = permissions(Params.form(ctx));
    paths.answer(
        ctx,
        200,
        at ->
            RoleView.of(
                roles.update(at.scope(), ctx.pathParam("Sid"), permissions), base, at.prefix()));
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(ctx, () -> roles.delete(paths.locate(ctx).scope(), ctx.pathParam("Sid")));
  }

  /** The repeated {@code Permission} parameter; required (checked against the type later). */
  private static List<String> permissions(Params form) {
    List<String> permissions = form.strings("Permission");
    if (permissions.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, "Permission");
    }
    return permissions;
  }
}
