package dev.parley.realtime.client;

import dev.parley.conversation.ConversationService;
import dev.parley.conversation.MembershipService;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.UserService;
import dev.parley.realtime.Guests;
import dev.parley.realtime.Presence;
import dev.parley.realtime.Session;
import dev.parley.realtime.TunnelRouter;
import dev.parley.realtime.UpstreamRequest;
import dev.parley.realtime.UpstreamResponse;
import dev.parley.realtime.sync.SyncDirectory;
import dev.parley.store.Store;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The Conversations commands the SDK tunnels ({@code /Client/v2/...}, docs/realtime-protocol.md
 * §3). Reads of conversation state go through Sync; these answer the configuration, the user's
 * conversation list and every mutation.
 */
public final class ClientApi {
  private static final String S = ClientLinks.PREFIX + "/Services/{service}";
  private final TunnelRouter routes = new TunnelRouter();
  private final Typing typing;

  /** The domain services the commands act through. */
  public record Services(
      ConversationService conversations,
      MessageService messages,
      ParticipantService participants,
      UserService users,
      MembershipService memberships,
      Guests guests) {}

  public ClientApi(
      Store store,
      Clock clock,
      UnaryOperator<String> absolute,
      SyncDirectory directory,
      Presence presence,
      Services services) {
    ClientLinks links = new ClientLinks(absolute);
    ClientJson json = new ClientJson(links);
    Callers callers = new Callers(store, services.guests());
    ClientCommands c =
        new ClientCommands(
            store,
            callers,
            json,
            directory,
            services.conversations(),
            services.messages(),
            services.participants());
    ClientPeople people =
        new ClientPeople(
            store, clock, links, json, directory, services.users(), services.memberships(), c);
    this.typing = new Typing(store, clock, presence, c);
    store.broadcasts().listen(Typing.CHANNEL, typing::received);
    routes
        .add("GET", ClientLinks.PREFIX + "/Configuration", people::configuration)
        .add("GET", S + "/Users/{identity}/Conversations", people::myConversations)
        .add("GET", S + "/Users/{identity}/Conversations/{conversation}", people::myConversation)
        .add(
            "POST",
            S + "/Users/{identity}/Conversations/{conversation}",
            people::updateMyConversation)
        .add("GET", S + "/Users/{identity}", people::user)
        .add("POST", S + "/Users/{identity}", people::updateUser)
        .add("POST", S + "/Conversations", c::create)
        .add("GET", S + "/Conversations/{conversation}", c::peek)
        .add("POST", S + "/Conversations/{conversation}", c::update)
        .add("DELETE", S + "/Conversations/{conversation}", c::delete)
        .add("POST", S + "/Conversations/{conversation}/Messages", c::sendMessage)
        .add("POST", S + "/Conversations/{conversation}/Messages/{message}", c::updateMessage)
        .add("DELETE", S + "/Conversations/{conversation}/Messages/{message}", c::removeMessage)
        .add("POST", S + "/Conversations/{conversation}/Participants", c::addParticipant)
        .add(
            "POST",
            S + "/Conversations/{conversation}/Participants/{participant}",
            c::updateParticipant)
        .add(
            "DELETE",
            S + "/Conversations/{conversation}/Participants/{participant}",
            c::removeParticipant)
        .add("POST", S + "/Typing", typing::typing);
  }

  public static boolean serves(String path) {
    return path.startsWith(ClientLinks.PREFIX + "/");
  }

  public UpstreamResponse handle(Session session, UpstreamRequest request) {
    return routes.route(session, request);
  }

  public void closed(Session session) {
    typing.closed(session);
  }
}
