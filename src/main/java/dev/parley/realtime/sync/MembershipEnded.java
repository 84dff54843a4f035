package dev.parley.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A user stopped taking part in a conversation (removed, or the conversation deleted): the objects
 * of the conversation whose subscriptions that user's sessions lose, on every node.
 */
record MembershipEnded(String serviceSid, String identity, List<String> objectSids) {

  static String encode(String serviceSid, String identity, List<String> objectSids) {
    ObjectNode m = SyncJson.JSON.createObjectNode();
    m.put("s", serviceSid).put("u", identity);
    objectSids.forEach(m.putArray("o")::add);
    return SyncJson.write(m);
  }

  static MembershipEnded decode(String message) {
    JsonNode m = SyncJson.parse(message);
    List<String> sids = new ArrayList<>();
    m.path("o").forEach(sid -> sids.add(sid.asText()));
    return new MembershipEnded(m.path("s").asText(), m.path("u").asText(), sids);
  }
}
