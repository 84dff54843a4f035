package dev.parley.realtime.client;

import dev.parley.conversation.ConversationService;
import dev.parley.conversation.MembershipService;
import dev.parley.conversation.MessageService;
import dev.parley.conversation.ParticipantService;
import dev.parley.conversation.UserService;
import dev.parley.media.MediaLimits;
import dev.parley.realtime.GuestTokens;
import dev.parley.realtime.Presence;
import dev.parley.realtime.Session;
import dev.parley.realtime.sync.SyncDirectory;
import dev.parley.store.Store;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The Conversations commands the SDK tunnels ({@code /Client/v2/...}, docs/realtime-protocol.md
 * §3). Reads of conversation state go through Sync; these answer the configuration, the user's
 * conversation list and every mutation. Builds the handlers; {@code app/TunnelRoutes} declares
 * their routes, with the other tunnelled ones.
 */
public final class ClientApi {
  /** Where the commands live: {@code /Client/v2}. */
  public static final String PREFIX = ClientLinks.PREFIX;

  private final ClientCommands commands;
  private final ClientPeople people;
  private final Typing typing;

  /** The domain services the commands act through, and the media limits the SDK is told of. */
  public record Services(
      ConversationService conversations,
      MessageService messages,
      ParticipantService participants,
      UserService users,
      MembershipService memberships,
      GuestTokens guests,
      MediaLimits media) {}

  public ClientApi(
      Store store,
      Clock clock,
      UnaryOperator<String> absolute,
      SyncDirectory directory,
      Presence presence,
      Services services) {
    ClientLinks links = new ClientLinks(absolute);
    ClientJson json = new ClientJson(links);
    Callers callers = new Callers(services.guests());
    this.commands =
        new ClientCommands(
            callers,
            json,
            directory,
            services.conversations(),
            services.messages(),
            services.participants(),
            services.memberships());
    this.people =
        new ClientPeople(
            clock,
            links,
            json,
            directory,
            services.users(),
            services.memberships(),
            commands,
            services.media());
    this.typing = new Typing(store, clock, presence, commands, services.participants());
    store.broadcasts().listen(Typing.CHANNEL, typing::received);
  }

  /** The commands on conversations, their messages and participants. */
  public ClientCommands commands() {
    return commands;
  }

  /** The configuration, the user and the user's conversations. */
  public ClientPeople people() {
    return people;
  }

  /** The typing indicator. */
  public Typing typing() {
    return typing;
  }

  public void closed(Session session) {
    typing.closed(session);
  }
}
