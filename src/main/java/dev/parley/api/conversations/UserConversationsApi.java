package dev.parley.api.conversations;

import dev.parley.conversation.MembershipService;
import dev.parley.conversation.NotificationLevel;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.UserRef;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/Users/{UserSid}/Conversations} and its service-scoped twin. */
public final class UserConversationsApi {
  private final MembershipService memberships;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public UserConversationsApi(MembershipService memberships, ScopedPaths paths, PublicUrl base) {
    this.memberships = memberships;
    this.paths = paths;
    this.base = base;
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 50);
    paths.answer(
        ctx,
        200,
        at -> {
          var found =
              memberships.ofUser(
                  at.scope(), UserRef.of(ctx.pathParam("UserSid")), paging.request());
          String userSid = found.user().sid();
          var slice =
              found.page().map(m -> ScopedViews.userConversation(m, userSid, base, at.prefix()));
          String path = at.prefix() + "/Users/" + userSid + "/Conversations";
          return paging.reply(base, path, Map.of(), "conversations", slice);
        });
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at -> {
          var membership =
              memberships.find(
                  at.scope(), UserRef.of(ctx.pathParam("UserSid")), ScopedPaths.conversation(ctx));
          return ScopedViews.userConversation(membership, membership.userSid(), base, at.prefix());
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NotificationLevel notificationLevel = form.oneOf("NotificationLevel", NotificationLevel.class);
    Optional<Long> lastReadIndex = ParticipantParams.lastReadMessageIndex(form);
    Instant lastReadTimestamp = form.date("LastReadTimestamp");
    paths.answer(
        ctx,
        200,
        at -> {
          var membership =
              memberships.update(
                  at.scope(),
                  UserRef.of(ctx.pathParam("UserSid")),
                  ScopedPaths.conversation(ctx),
                  notificationLevel,
                  lastReadIndex,
                  lastReadTimestamp);
          return ScopedViews.userConversation(membership, membership.userSid(), base, at.prefix());
        });
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx,
        () ->
            memberships.delete(
                paths.locate(ctx).scope(),
                UserRef.of(ctx.pathParam("UserSid")),
                ScopedPaths.conversation(ctx)));
  }
}
