package dev.parley.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;
import dev.parley.json.JsonInput;
import java.util.List;

/**
 * Lists of names (filters, permissions, keywords) as the JSON array text the store keeps, and the
 * check that a text is JSON at all.
 */
public final class JsonLists {
  private static final ObjectMapper MAPPER = Json.MAPPER;
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String EMPTY = "[]";

  private JsonLists() {}

  public static String write(List<String> values) {
    if (values.isEmpty()) {
      return EMPTY; // most webhooks' triggers, a studio webhook's filters: no Jackson for those
    }
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  /** True when {@code text} is well-formed JSON of any kind, within {@link JsonInput}'s depth. */
  public static boolean isJson(String text) {
    return JsonInput.isJson(text);
  }

  /** The stored list; null stays null (a setting never configured). */
  public static List<String> read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return List.copyOf(MAPPER.readValue(json, STRINGS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored list is not a JSON array of strings", e);
    }
  }
}
