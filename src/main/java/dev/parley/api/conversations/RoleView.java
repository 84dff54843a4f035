package dev.parley.api.conversations;

import dev.parley.conversation.JsonLists;
import dev.parley.http.PublicUrl;
import dev.parley.store.RoleRecord;
import java.time.Instant;
import java.util.List;

/** The wire form of a role ({@code conversations.v1.role}). */
public record RoleView(
    String sid,
    String accountSid,
    String chatServiceSid,
    String friendlyName,
    String type,
    List<String> permissions,
    Instant dateCreated,
    Instant dateUpdated,
    String url) {

  static RoleView of(RoleRecord r, PublicUrl base, String prefix) {
    return new RoleView(
        r.sid(),
        r.accountSid(),
        r.serviceSid(),
        r.friendlyName(),
        r.type(),
        JsonLists.read(r.permissions()),
        r.dateCreated(),
        r.dateUpdated(),
        base.of(prefix + "/Roles/" + r.sid()));
  }
}
