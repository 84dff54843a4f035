package dev.parley.api.conversations;

import dev.parley.http.PublicUrl;
import dev.parley.store.UserRecord;
import java.time.Instant;
import java.util.Map;

/**
 * The wire form of a user ({@code conversations.v1.user}). {@code is_online} and {@code
 * is_notifiable} are null: Twilio returns null unless reachability is enabled, and Parley has no
 * reachability (yet).
 */
public record UserView(
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
    Map<String, String> links) {

  static UserView of(UserRecord u, PublicUrl base, String prefix) {
    String url = base.of(prefix + "/Users/" + u.sid());
    return new UserView(
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
}
