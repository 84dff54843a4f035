package dev.parley.api.conversations;

import dev.parley.conversation.MembershipService;
import dev.parley.error.ApiException;
import dev.parley.http.Paging;
import dev.parley.http.Params;
import dev.parley.http.PublicUrl;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/ParticipantConversations} and its service-scoped twin. */
public final class ParticipantConversationsApi {
  private final MembershipService memberships;
  private final ScopedPaths paths;
  private final PublicUrl base;

  public ParticipantConversationsApi(
      MembershipService memberships, ScopedPaths paths, PublicUrl base) {
    this.memberships = memberships;
    this.paths = paths;
    this.base = base;
  }

  /**
   * By {@code Identity} or by {@code Address}: Twilio says "Only one parameter should be
   * specified".
   */
  public void list(RoutingContext ctx) {
    Params query = Params.query(ctx);
    String identity = query.string("Identity", 256);
    String address = query.string("Address", ParticipantParams.MAX_ADDRESS);
    if (identity == null && address == null) {
      throw ApiException.invalid("Identity", "give Identity or Address");
    }
    if (identity != null && address != null) {
      throw ApiException.invalid("Address", "give either Identity or Address, not both");
    }
    Paging paging = Paging.parse(query, 50, 50);
    Map<String, String> echo = new LinkedHashMap<>();
    echo.put("Identity", identity);
    echo.put("Address", address);
    paths.answer(
        ctx,
        200,
        at -> {
          var found =
              identity != null
                  ? memberships.byIdentity(at.scope(), identity, paging.request())
                  : memberships.byAddress(at.scope(), address, paging.request());
          var slice = found.map(m -> ScopedViews.participantConversation(m, base, at.prefix()));
          return paging.reply(
              base, at.prefix() + "/ParticipantConversations", echo, "conversations", slice);
        });
  }
}
