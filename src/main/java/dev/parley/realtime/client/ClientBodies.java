package dev.parley.realtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.json.Attributes;
import dev.parley.json.Json;
import dev.parley.json.JsonInput;
import dev.parley.realtime.UpstreamRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the bodies of the SDK's commands: JSON objects, except typing's form. JSON-valued fields
 * ({@code attributes}) arrive as JSON strings; an object is accepted too.
 */
final class ClientBodies {
  static final ObjectMapper JSON = Json.MAPPER;

  /** A command body: one level above the attributes an SDK may send as an object. */
  private static final ObjectMapper BODY = JsonInput.ENVELOPE;

  private ClientBodies() {}

  static JsonNode json(UpstreamRequest request) {
    if (request.body().length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode body = BODY.readTree(request.body());
      if (body == null || !body.isObject()) {
        throw ApiException.invalid("body", "must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw ApiException.invalid("body", "is not JSON");
    }
  }

  /** A text field, or null when absent or null. */
  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A JSON-valued field as JSON text (checked), or null when absent. */
  /** The body's {@code attributes}, checked as {@link #jsonText} checks it; null when absent. */
  static Attributes attributes(JsonNode body) {
    return Attributes.trusted(jsonText(body, "attributes"));
  }

  static String jsonText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isObject() || value.isArray()) {
      if (!JsonInput.withinDepth(value)) {
        throw ApiException.invalid(field, JsonInput.TOO_DEEP);
      }
      return value.toString();
    }
    String problem = JsonInput.problem(value.asText());
    if (problem != null) {
      throw ApiException.invalid(field, problem);
    }
    return value.asText();
  }

  static Map<String, String> form(UpstreamRequest request) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static void requireSameService(String pathService, String grantService) {
    if (!pathService.equals(grantService)) {
      throw new ApiException(TwilioError.NOT_FOUND, "/Services/" + pathService);
    }
  }
}
