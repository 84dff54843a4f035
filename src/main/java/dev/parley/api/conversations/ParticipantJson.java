package dev.parley.api.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.conversation.ConversationWithParticipantsService;
import dev.parley.conversation.NewParticipant;
import dev.parley.error.ApiException;
import dev.parley.http.Params;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Attributes;
import dev.parley.json.JsonInput;
import dev.parley.shapes.MessagingBinding;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code Participant} of ConversationWithParticipants: a JSON object whose "attributes are as
 * parameters in Participant Resource" (Twilio), e.g. {@code {"identity": "user1"}} or {@code
 * {"messaging_binding": {"address": "+1555…", "proxy_address": "+1444…"}}}. Names are matched
 * without regard to case, underscores and dots, so {@code MessagingBinding.Address}, {@code
 * messaging_binding.address} and the nested form all work. A bad one fails with 50427.
 */
final class ParticipantJson {
  /** One level for the participant object around its attributes. */
  private static final ObjectMapper PARTICIPANT = JsonInput.ENVELOPE;

  private ParticipantJson() {}

  static NewParticipant parse(int index, String text) {
    try {
      JsonNode node = PARTICIPANT.readTree(text);
      if (node == null || !node.isObject()) {
        throw ApiException.invalid("Participant", "must be a JSON object");
      }
      Map<String, JsonNode> fields = new HashMap<>();
      flatten("", node, fields);
      return new NewParticipant(
          text(fields, "identity"),
          Attributes.trusted(attributes(fields.get("attributes"))),
          roleSid(text(fields, "rolesid")),
          date(fields, "datecreated"),
          date(fields, "dateupdated"),
          new MessagingBinding(
              text(fields, "messagingbindingaddress"),
              text(fields, "messagingbindingproxyaddress"),
              text(fields, "messagingbindingprojectedaddress")));
    } catch (ApiException e) {
      throw ConversationWithParticipantsService.failed(index, e.getMessage());
    } catch (Exception e) {
      throw ConversationWithParticipantsService.failed(index, "is not valid JSON");
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    node.fields()
        .forEachRemaining(
            field -> {
              String key = prefix + normalize(field.getKey());
              if (field.getValue().isObject() && !key.equals("attributes")) {
                flatten(key, field.getValue(), out);
              } else {
                out.put(key, field.getValue());
              }
            });
  }

  private static String normalize(String name) {
    return name.replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }

  private static String text(Map<String, JsonNode> fields, String key) {
    JsonNode value = fields.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw ApiException.invalid(key, "must be a string");
    }
    return value.asText();
  }

  /** Attributes as a JSON string (as on the Participant resource) or as a JSON object. */
  private static String attributes(JsonNode value) throws Exception {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      JsonInput.parse(value.asText());
      return value.asText();
    }
    if (!JsonInput.withinDepth(value)) {
      throw ApiException.invalid("attributes", JsonInput.TOO_DEEP);
    }
    return value.toString();
  }

  private static String roleSid(String value) {
    if (value != null && !SidPrefix.ROLE.matches(value)) {
      throw ApiException.invalid("role_sid", "must be a RL SID");
    }
    return value;
  }

  private static Instant date(Map<String, JsonNode> fields, String key) {
    return Params.date(key, text(fields, key));
  }
}
