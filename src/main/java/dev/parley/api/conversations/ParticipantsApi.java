package dev.parley.api.conversations;

import dev.parley.conversation.NewParticipant;
import dev.parley.conversation.ParticipantChanges;
import dev.parley.conversation.ParticipantService;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import dev.parley.ids.ParticipantRef;
import dev.parley.ids.SidPrefix;
import dev.parley.shapes.MessagingBinding;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /v1/Conversations/{ConversationSid}/Participants} and its service-scoped twin. */
public final class ParticipantsApi {
  private final ParticipantService participants;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public ParticipantsApi(ParticipantService participants, ScopedPaths paths, PublicUrl base) {
    this.participants = participants;
    this.paths = paths;
    this.base = base;
  }

  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewParticipant request =
        new NewParticipant(
            ParticipantParams.identity(form),
            form.attributes("Attributes"),
            form.sid("RoleSid", SidPrefix.ROLE),
            form.date("DateCreated"),
            form.date("DateUpdated"),
            new MessagingBinding(
                form.string("MessagingBinding.Address", ParticipantParams.MAX_ADDRESS),
                form.string("MessagingBinding.ProxyAddress", ParticipantParams.MAX_ADDRESS),
                form.string("MessagingBinding.ProjectedAddress", ParticipantParams.MAX_ADDRESS)));
    paths.answer(
        ctx,
        201,
        at ->
            ScopedViews.participant(
                participants.create(at.scope(), ScopedPaths.conversation(ctx), request),
                base,
                at.prefix()));
  }

  public void fetch(RoutingContext ctx) {
    paths.answer(
        ctx,
        200,
        at ->
            ScopedViews.participant(
                participants.find(
                    at.scope(),
                    ScopedPaths.conversation(ctx),
                    ParticipantRef.of(ctx.pathParam("Sid"))),
                base,
                at.prefix()));
  }

  public void list(RoutingContext ctx) {
    Paging paging = Paging.parse(Params.query(ctx), 50, 100);
    paths.answer(
        ctx,
        200,
        at -> {
          var slice =
              participants
                  .page(at.scope(), ScopedPaths.conversation(ctx), paging.request())
                  .map(p -> ScopedViews.participant(p, base, at.prefix()));
          String path =
              at.prefix() + "/Conversations/" + ctx.pathParam("ConversationSid") + "/Participants";
          return paging.reply(base, path, Map.of(), "participants", slice);
        });
  }

  public void update(RoutingContext ctx) {
    Params form = Params.form(ctx);
    ParticipantChanges changes =
        new ParticipantChanges(
            ParticipantParams.identity(form),
            form.attributes("Attributes"),
            form.sid("RoleSid", SidPrefix.ROLE),
            form.date("DateCreated"),
            form.date("DateUpdated"),
            ParticipantParams.removable(form, "MessagingBinding.ProxyAddress"),
            ParticipantParams.removable(form, "MessagingBinding.ProjectedAddress"),
            ParticipantParams.lastReadMessageIndex(form),
            form.date("LastReadTimestamp"),
            null);
    paths.answer(
        ctx,
        200,
        at ->
            ScopedViews.participant(
                participants.update(
                    at.scope(),
                    ScopedPaths.conversation(ctx),
                    ParticipantRef.of(ctx.pathParam("Sid")),
                    changes),
                base,
                at.prefix()));
  }

  public void delete(RoutingContext ctx) {
    Replies.noContent(
        ctx,
        () ->
            participants.delete(
                paths.locate(ctx).scope(),
                ScopedPaths.conversation(ctx),
                ParticipantRef.of(ctx.pathParam("Sid"))));
  }
}
