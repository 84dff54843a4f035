package dev.parley.shapes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.events.EventFields;
import dev.parley.store.UserRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's wire shapes, side by side (see {@link ConversationShapes} for why each is written out).
 * In Sync a user is its profile map: one item per field the SDK shows of other users.
 */
public final class UserShapes {
  /** The components each shape leaves out, and why; {@code ShapesCoverageTest} keeps it true. */
  public static final List<LeftOut> LEFT_OUT =
      List.of(
          new LeftOut(Shape.CLIENT, "accountSid", "the SDK reads no account"),
          new LeftOut(Shape.CLIENT, "serviceSid", "only in the url"),
          // SYNC: the profile map (named for the identity) holds what others see of the user.
          new LeftOut(Shape.SYNC, "sid", "not shown to others"),
          new LeftOut(Shape.SYNC, "accountSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "serviceSid", "the Sync object's own"),
          new LeftOut(Shape.SYNC, "identity", "the map's unique name"),
          new LeftOut(Shape.SYNC, "roleSid", "not shown to others"),
          new LeftOut(Shape.SYNC, "dateCreated", "the map's own dates"),
          new LeftOut(Shape.SYNC, "dateUpdated", "the map's own dates"));

  private UserShapes() {}

  /**
   * REST: {@code conversations.v1.user}. {@code is_online} and {@code is_notifiable} are null:
   * Twilio returns null unless reachability is enabled, and Parley has no reachability (yet).
   */
  public record Rest(
      String sid,
      String accountSid,
      String chatServiceSid,
      String roleSid,
      String identity,
      String friendlyName,
      String attributes,
      Boolean isOnline,
      Boolean isNotifiable,
      Instant dateCreated,
      Instant dateUpdated,
      String url,
      Map<String, String> links) {}

  /** REST at {@code url}. */
  public static Rest rest(UserRecord u, String url) {
    return new Rest(
        u.sid(),
        u.accountSid(),
        u.serviceSid(),
        u.roleSid(),
        u.identity(),
        u.friendlyName(),
        u.attributes(),
        null,
        null,
        u.dateCreated(),
        u.dateUpdated(),
        url,
        Map.of("user_conversations", url + "/Conversations"));
  }

  /**
   * CLIENT (docs/realtime-protocol.md §3.3), at {@code url} (the tunnelled command's), with the
   * SIDs of the user's two maps.
   */
  public static ObjectNode client(
      UserRecord u, String url, String userInfoMap, String conversationsMap) {
    ObjectNode j = WireJson.object();
    j.put("sid", u.sid());
    j.put("identity", u.identity());
    j.put("friendly_name", u.friendlyName());
    j.put("attributes", u.attributes());
    j.put("role_sid", u.roleSid());
    j.put("date_created", WireJson.date(u.dateCreated()));
    j.put("date_updated", WireJson.date(u.dateUpdated()));
    j.put("url", url);
    ObjectNode s = j.putObject("sync_objects");
    s.put("user_info_map", userInfoMap);
    s.put("user_conversations_map", conversationsMap);
    return j;
  }

  /** SYNC: the items of the user's profile map, by key, in the order they are written. */
  public static Map<String, ObjectNode> sync(UserRecord u) {
    Map<String, ObjectNode> items = new LinkedHashMap<>();
    items.put("friendlyName", value(u.friendlyName()));
    items.put("attributes", value(u.attributes()));
    return items;
  }

  private static ObjectNode value(String value) {
    ObjectNode d = WireJson.object();
    d.put("value", value);
    return d;
  }

  /** EVENT: {@code onUserAdded}. */
  public static EventFields added(EventFields f, UserRecord u) {
    return common(f, u);
  }

  /** EVENT: {@code onUserUpdated}. */
  public static EventFields updated(EventFields f, UserRecord u) {
    return common(f, u).put("DateUpdated", u.dateUpdated());
  }

  private static EventFields common(EventFields f, UserRecord u) {
    return f.put("UserSid", u.sid())
        .put("DateCreated", u.dateCreated())
        .put("Identity", u.identity())
        .put("RoleSid", u.roleSid())
        .put("Attributes", u.attributes())
        .put("FriendlyName", u.friendlyName());
  }

  /** PRE_ACTION: {@code onUserUpdate}, with the values the change would set. */
  public static EventFields preAction(
      EventFields f, UserRecord u, String roleSid, String attributes, String friendlyName) {
    return f.put("UserSid", u.sid())
        .put("DateCreated", u.dateCreated())
        .put("DateUpdated", u.dateUpdated())
        .put("Identity", u.identity())
        .put("RoleSid", roleSid)
        .put("Attributes", attributes)
        .put("FriendlyName", friendlyName);
  }
}
