package dev.parley.app;

import static dev.parley.http.Access.ACCESS_TOKEN;

import dev.parley.realtime.TunnelRouter;
import dev.parley.realtime.client.ClientApi;
import dev.parley.realtime.sync.SyncApi;

/**
 * The tunnelled part of the route table ({@link Routes}): the requests the SDK sends inside its
 * Twilsock connection ({@code GET /v3/wsconnect}, docs/routes.md). All are {@link
 * dev.parley.http.Access#ACCESS_TOKEN}: the session's access token, checked at {@code init} and
 * watched while it lasts, and every read and subscription is for a participant only. RoutesTest
 * lists them in {@code routes.golden} with the HTTP routes.
 */
final class TunnelRoutes {
  private TunnelRoutes() {}

  static TunnelRouter declare(ClientApi client, SyncApi sync) {
    TunnelRouter table = new TunnelRouter();

    // ---- Conversations commands (/Client/v2) ----
    String s = ClientApi.PREFIX + "/Services/{service}";
    String user = s + "/Users/{identity}";
    String conversation = s + "/Conversations/{conversation}";
    var people = client.people();
    var c = client.commands();
    table
        .get(ClientApi.PREFIX + "/Configuration", ACCESS_TOKEN, people::configuration)
        .get(user + "/Conversations", ACCESS_TOKEN, people::myConversations)
        .get(user + "/Conversations/{conversation}", ACCESS_TOKEN, people::myConversation)
        .post(user + "/Conversations/{conversation}", ACCESS_TOKEN, people::updateMyConversation)
        .get(user, ACCESS_TOKEN, people::user)
        .post(user, ACCESS_TOKEN, people::updateUser)
        .post(s + "/Conversations", ACCESS_TOKEN, c::create)
        .get(conversation, ACCESS_TOKEN, c::peek)
        .post(conversation, ACCESS_TOKEN, c::update)
        .delete(conversation, ACCESS_TOKEN, c::delete)
        .post(conversation + "/Messages", ACCESS_TOKEN, c::sendMessage)
        .post(conversation + "/Messages/{message}", ACCESS_TOKEN, c::updateMessage)
        .delete(conversation + "/Messages/{message}", ACCESS_TOKEN, c::removeMessage)
        .post(conversation + "/Participants", ACCESS_TOKEN, c::addParticipant)
        .post(conversation + "/Participants/{participant}", ACCESS_TOKEN, c::updateParticipant)
        .delete(conversation + "/Participants/{participant}", ACCESS_TOKEN, c::removeParticipant)
        .post(s + "/Typing", ACCESS_TOKEN, client.typing()::typing);

    // ---- Sync reads and subscriptions (/v3, /v4); {kind} is Maps, Lists or Documents ----
    table
        .get("/v3/{kind}/{object}", ACCESS_TOKEN, sync::descriptor)
        .get("/v3/{kind}/{object}/Items", ACCESS_TOKEN, sync::items)
        .get("/v3/{kind}/{object}/Items/{item}", ACCESS_TOKEN, sync::item)
        .post(SyncApi.SUBSCRIPTIONS, ACCESS_TOKEN, sync::subscriptions);
    return table;
  }
}
