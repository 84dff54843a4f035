package dev.parley.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.Json;

/**
 * The attributes Flex's legacy web chat keeps on its chat channel, and so on Parley's conversation:
 * {@code {"status":"ACTIVE","long_lived":false,"pre_engagement_data":{…},"from":"<name>",
 * "channel_type":"web"}} as observed on Twilio (docs/webchat-clients.md §3.5); the Flex UI and the
 * janitor read {@code status}.
 */
final class LegacyChannelAttributes {
  private static final ObjectMapper JSON = Json.MAPPER;

  private LegacyChannelAttributes() {}

  static String initial(boolean longLived, JsonNode preEngagementData, String from) {
    ObjectNode attributes = JSON.createObjectNode();
    attributes.put("status", "ACTIVE");
    attributes.put("long_lived", longLived);
    attributes.set("pre_engagement_data", preEngagementData);
    attributes.put("from", from);
    attributes.put("channel_type", "web");
    return attributes.toString();
  }

  /**
   * {@code current} with the status set to INACTIVE when {@code inactive}, and {@code
   * post_engagement_data} set when given. Attributes someone replaced with a non-object through the
   * Conversations API start over as an object.
   */
  static String changed(String current, boolean inactive, JsonNode postEngagementData) {
    ObjectNode attributes = parse(current);
    if (inactive) {
      attributes.put("status", "INACTIVE");
    }
    if (postEngagementData != null) {
      attributes.set("post_engagement_data", postEngagementData);
    }
    return attributes.toString();
  }

  private static ObjectNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }
}
