package dev.parley.api.conversations;

import dev.parley.conversation.ConversationWithParticipantsService;
import dev.parley.conversation.NewConversation;
import dev.parley.conversation.NewParticipant;
import dev.parley.error.ApiException;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import dev.parley.http.Replies;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/ConversationWithParticipants} and its service-scoped twin. */
public final class ConversationWithParticipantsApi {
  private final ConversationWithParticipantsService service;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public ConversationWithParticipantsApi(
      ConversationWithParticipantsService service, ScopedPaths paths, PublicUrl base) {
    this.service = service;
    this.paths = paths;
    this.base = base;
  }

  /** 201 without participants, 202 with them, as the spec answers. */
  public void create(RoutingContext ctx) {
    Params form = Params.form(ctx);
    NewConversation conversation = ConversationsApi.newConversation(form);
    List<String> sent = form.strings("Participant");
    if (sent.size() > ConversationWithParticipantsService.MAX_PARTICIPANTS) {
      throw ApiException.invalid(
          "Participant",
          "at most " + ConversationWithParticipantsService.MAX_PARTICIPANTS + " are allowed");
    }
    List<NewParticipant> participants = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      participants.add(ParticipantJson.parse(i, sent.get(i)));
    }
    Replies.json(
        ctx,
        participants.isEmpty() ? 201 : 202,
        () -> {
          var at = paths.locate(ctx);
          return ScopedViews.conversation(
              service.create(at.scope(), conversation, participants), base, at.prefix());
        });
  }
}
