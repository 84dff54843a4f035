package dev.parley.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.json.Json;
import dev.parley.json.JsonInput;
import java.util.List;

/** Studio's JSON: definitions, contexts and problem lists, read and written one way. */
public final class StudioJson {
  static final ObjectMapper MAPPER = Json.MAPPER;

  private StudioJson() {}

  /** Reads stored JSON (written by this package, so a failure is a bug). */
  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored Studio JSON is not JSON", e);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request's definition: a JSON object, else a 400 naming the parameter. */
  static ObjectNode definition(String parameter, String json) {
    JsonNode node;
    try {
      node = JsonInput.parse(json);
    } catch (StreamConstraintsException e) {
      throw ApiException.invalid(parameter, JsonInput.TOO_DEEP);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(parameter, "must be a JSON object");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.invalid(parameter, "must be a JSON object");
    }
    return object;
  }

  static String problems(List<Problem> problems) {
    return write(
        problems.stream()
            .map(
                p -> {
                  ObjectNode o = MAPPER.createObjectNode();
                  o.put("message", p.message());
                  o.put("property_path", p.propertyPath());
                  return o;
                })
            .toList());
  }
}
