package dev.parley.shapes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.IsoDates;
import dev.parley.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON pieces the shapes share: stored JSON text read back, and dates as the SDK reads them.
 */
final class WireJson {
  private WireJson() {}

  static ArrayNode array() {
    return Json.MAPPER.createArrayNode();
  }

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  /** Stored JSON text as a JSON value; null stays null. */
  static JsonNode tree(String json) {
    return json == null ? null : parse(json);
  }

  /** Stored JSON text as a JSON value; null is an empty object. */
  static JsonNode parse(String json) {
    try {
      return json == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code node} as JSON text. */
  static String write(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link #written} writes. */
  interface Writing {
    void to(JsonGenerator generator) throws IOException;
  }

  /** The text {@code writing} writes through the mapper's generator. */
  static String written(Writing writing) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
      writing.to(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** ISO 8601 as {@link Instant#toString}: the SDK's shapes keep the milliseconds. */
  static String date(Instant instant) {
    return instant == null ? null : IsoDates.iso(instant);
  }
}
