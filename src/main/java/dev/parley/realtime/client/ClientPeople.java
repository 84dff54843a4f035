package dev.parley.realtime.client;

import static dev.parley.realtime.client.ClientBodies.requireSameService;
import static dev.parley.realtime.client.ClientBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.AccessGrant;
import dev.parley.conversation.MembershipService;
import dev.parley.conversation.NotificationLevel;
import dev.parley.conversation.UserChanges;
import dev.parley.conversation.UserService;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.ConversationRef;
import dev.parley.ids.UserRef;
import dev.parley.media.MediaLimits;
import dev.parley.realtime.Session;
import dev.parley.realtime.UpstreamRequest;
import dev.parley.realtime.UpstreamResponse;
import dev.parley.realtime.sync.SyncDirectory;
import dev.parley.store.Cursor;
import dev.parley.store.MembershipRecord;
import dev.parley.store.PageRequest;
import dev.parley.store.Slice;
import dev.parley.store.UserRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The SDK's own-user commands: its configuration, its conversations (with its read horizon and
 * notification level in each) and user profiles.
 */
public final class ClientPeople {
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 100;
  private final Clock clock;
  private final ClientLinks links;
  private final ClientJson json;
  private final SyncDirectory directory;
  private final UserService users;
  private final MembershipService memberships;
  private final ClientCommands commands;
  private final MediaLimits media;

  ClientPeople(
      Clock clock,
      ClientLinks links,
      ClientJson json,
      SyncDirectory directory,
      UserService users,
      MembershipService memberships,
      ClientCommands commands,
      MediaLimits media) {
    this.clock = clock;
    this.links = links;
    this.json = json;
    this.directory = directory;
    this.users = users;
    this.memberships = memberships;
    this.commands = commands;
    this.media = media;
  }

  /**
   * {@code GET Client/v2/Configuration} (docs/realtime-protocol.md §3.2). The token's identity
   * becomes a user on its first connection, as with Twilio.
   */
  public UpstreamResponse configuration(Session s, UpstreamRequest r, List<String> p) {
    AccessGrant g = s.grant();
    SyncDirectory.UserObjects objects = userObjects(s);
    String service = g.serviceSid();
    ObjectNode j = ClientBodies.object();
    j.put("identity", g.identity());
    j.put("url", links.configuration());
    ObjectNode o = j.putObject("options");
    o.put("reachability_enabled", false);
    o.put("user_infos_to_subscribe", 100);
    o.put("http_cache_interval", "PT5S");
    o.put("consumption_report_interval", "PT5S");
    o.put("my_conversations_page_size", DEFAULT_PAGE);
    // The limits uploads and messages are held to (MediaLimits); the SDK's prepareMessage()
    // checks the count, the others are for the app. Accepted types are Parley's addition.
    o.put("media_attachments_count_limit", media.maxPerMessage());
    o.set("media_attachment_size_limit_in_mb", megabytes(media.maxFileBytes()));
    o.set("media_attachments_total_size_limit_in_mb", megabytes(media.maxPerMessageBytes()));
    media.acceptedTypes().forEach(o.putArray("media_attachments_accepted_types")::add);
    o.putArray("email_histories_allowed_mime_types");
    o.putArray("email_bodies_allowed_mime_types");
    ObjectNode sync = j.putObject("sync_objects");
    sync.put("my_conversations", objects.conversations());
    sync.put("my_user_info", objects.userInfo());
    ObjectNode l = j.putObject("links");
    l.put("my_conversations", links.myConversations(service, g.identity()));
    l.put("conversations", links.conversations(service));
    l.put("users", links.users(service));
    l.put("current_user", links.user(service, g.identity()));
    l.put("typing", links.typing(service));
    l.put("media_service", links.media(service));
    l.put("media_set_service", links.media(service) + "Set");
    l.put("messages_receipts", links.conversations(service) + "/%s/Messages/%s/Receipts");
    return UpstreamResponse.ok(j);
  }

  /** Whole MiB as an integer, as Twilio writes them; a fraction when the limit is not whole. */
  private static JsonNode megabytes(long bytes) {
    return bytes % (1 << 20) == 0
        ? LongNode.valueOf(bytes >> 20)
        : DoubleNode.valueOf(bytes / (double) (1 << 20));
  }

  private SyncDirectory.UserObjects userObjects(Session s) {
    AccessGrant g = s.grant();
    return directory
        .user(g.serviceSid(), g.identity())
        .orElseGet(() -> directory.ensureUser(users.findOrCreate(Callers.scope(s), g.identity())));
  }

  /** {@code GET M}: the caller's conversations, a page at a time ({@code meta.next_token}). */
  public UpstreamResponse myConversations(Session s, UpstreamRequest r, List<String> p) {
    requireSelf(s, p);
    PageRequest page =
        new PageRequest(pageSize(r.param("PageSize")), PageTokens.decode(r.param("PageToken")));
    AccessGrant g = s.grant();
    Slice<MembershipRecord> slice = memberships.byIdentity(Callers.scope(s), g.identity(), page);
    ObjectNode j = ClientBodies.object();
    ArrayNode list = j.putArray("conversations");
    for (MembershipRecord m : slice.items()) {
      list.add(json.membership(m, commands.objects(m.conversation())));
    }
    ObjectNode meta = j.putObject("meta");
    meta.put("next_token", PageTokens.encode(slice.next()));
    meta.put("previous_token", PageTokens.encode(slice.previous()));
    return UpstreamResponse.ok(j);
  }

  /** {@code GET M/{sid}}: the caller's view of one conversation, its unread count included. */
  public UpstreamResponse myConversation(Session s, UpstreamRequest r, List<String> p) {
    requireSelf(s, p);
    MembershipRecord m =
        memberships.find(
            Callers.scope(s),
            new UserRef.Identity(s.grant().identity()),
            ConversationRef.of(p.get(2)));
    return UpstreamResponse.ok(json.membership(m, commands.objects(m.conversation())));
  }

  /**
   * {@code POST M/{sid}}: sets the read horizon ({@code last_read_message_index}, null for none)
   * and the notification level.
   */
  public UpstreamResponse updateMyConversation(Session s, UpstreamRequest r, List<String> p) {
    requireSelf(s, p);
    JsonNode body = ClientBodies.json(r);
    Optional<Long> horizon = null;
    if (body.has("last_read_message_index")) {
      JsonNode index = body.get("last_read_message_index");
      if (!index.isNull() && !index.canConvertToLong()) {
        throw ApiException.invalid("last_read_message_index", "must be a message index or null");
      }
      horizon = index.isNull() ? Optional.empty() : Optional.of(index.asLong());
    }
    String level = text(body, "notification_level");
    MembershipRecord m =
        memberships.update(
            Callers.scope(s),
            new UserRef.Identity(s.grant().identity()),
            ConversationRef.of(p.get(2)),
            level(level),
            horizon,
            horizon == null ? null : clock.instant());
    return UpstreamResponse.ok(json.membership(m, commands.objects(m.conversation())));
  }

  public UpstreamResponse user(Session s, UpstreamRequest r, List<String> p) {
    requireSameService(p.get(0), s.grant().serviceSid());
    String identity = p.get(1);
    AccessGrant g = s.grant();
    boolean visible =
        identity.equals(g.identity()) || memberships.meet(Callers.scope(s), g.identity(), identity);
    if (!visible) {
      throw Callers.forbidden("user " + identity + " shares no conversation with " + g.identity());
    }
    UserRecord u = users.find(Callers.scope(s), new UserRef.Identity(identity));
    SyncDirectory.UserObjects objects =
        directory.user(g.serviceSid(), identity).orElseGet(() -> directory.ensureUser(u));
    return UpstreamResponse.ok(json.user(u, objects));
  }

  /** {@code POST U/{identity}}: a user edits its own friendly name and attributes. */
  public UpstreamResponse updateUser(Session s, UpstreamRequest r, List<String> p) {
    requireSameService(p.get(0), s.grant().serviceSid());
    if (!p.get(1).equals(s.grant().identity())) {
      throw Callers.forbidden("a user may only change itself");
    }
    JsonNode body = ClientBodies.json(r);
    UserRecord u =
        users.update(
            Callers.scope(s),
            new UserRef.Identity(p.get(1)),
            new UserChanges(text(body, "friendly_name"), ClientBodies.attributes(body), null));
    return UpstreamResponse.ok(json.user(u, userObjects(s)));
  }

  private static void requireSelf(Session s, List<String> p) {
    requireSameService(p.get(0), s.grant().serviceSid());
    if (!p.get(1).equals(s.grant().identity())) {
      throw new ApiException(TwilioError.NOT_FOUND, "/Users/" + p.get(1) + "/Conversations");
    }
  }

  private static NotificationLevel level(String value) {
    if (value == null) {
      return null;
    }
    try {
      return NotificationLevel.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("notification_level", "must be default or muted");
    }
  }

  private static int pageSize(String value) {
    if (value == null) {
      return DEFAULT_PAGE;
    }
    try {
      return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("PageSize", "must be a number");
    }
  }

  /** Opaque tokens for keyset cursors: {@code <f|b><key>.<tie>}. */
  static final class PageTokens {
    private PageTokens() {}

    static String encode(Cursor cursor) {
      return cursor == null
          ? null
          : (cursor.backward() ? "b" : "f") + cursor.key() + "." + cursor.tie();
    }

    static Cursor decode(String token) {
      if (token == null || token.isEmpty()) {
        return null;
      }
      try {
        int dot = token.indexOf('.');
        return new Cursor(
            token.charAt(0) == 'b',
            Long.parseLong(token.substring(1, dot)),
            Long.parseLong(token.substring(dot + 1)));
      } catch (RuntimeException e) {
        throw ApiException.invalid("PageToken", "is not a token this server gave out");
      }
    }
  }
}
