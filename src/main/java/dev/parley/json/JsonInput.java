package dev.parley.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one parser for JSON a client sends (attributes, {@code PreEngagementData}, the SDK's command
 * bodies, a pre-action webhook's changes): at most {@value #MAX_DEPTH} levels of arrays and
 * objects. Parley nests what it is given inside its own JSON (the conversation's attributes, event
 * payloads, realtime items, the console's chat list); a value just under Jackson's 1000-level read
 * limit was accepted and then broke every later stage that wrapped it. 32 levels is far more than
 * any real attributes use, and leaves those stages hundreds of levels of room.
 */
public final class JsonInput {
  public static final int MAX_DEPTH = 32;

  /** What a message says after the parameter's name when its value is not JSON. */
  public static final String NOT_JSON = "must be valid JSON";

  /** What a message says after the parameter's name when its value is nested too deep. */
  public static final String TOO_DEEP = "must be nested at most " + MAX_DEPTH + " levels deep";

  private static final ObjectMapper BOUNDED = bounded(MAX_DEPTH);

  /**
   * The reader for a document that carries client JSON one level down (the SDK's {@code
   * {"attributes": {...}}}, a Sync call's body, one {@code Participant} of
   * ConversationWithParticipants): {@value #MAX_DEPTH} levels below the envelope.
   */
  public static final ObjectMapper ENVELOPE = bounded(MAX_DEPTH + 1);

  private JsonInput() {}

  /** {@code text} parsed, or a {@link JsonProcessingException} when it is not JSON or too deep. */
  public static JsonNode parse(String text) throws JsonProcessingException {
    return BOUNDED.readTree(text);
  }

  /** True when {@code text} is JSON of any kind nested at most {@value #MAX_DEPTH} deep. */
  public static boolean isJson(String text) {
    return problem(text) == null;
  }

  /** Null when {@code text} is acceptable, else {@link #NOT_JSON} or {@link #TOO_DEEP}. */
  public static String problem(String text) {
    try {
      BOUNDED.readTree(text);
      return null;
    } catch (StreamConstraintsException e) {
      return TOO_DEEP;
    } catch (JsonProcessingException e) {
      return NOT_JSON;
    }
  }

  /** True when an already parsed value is nested at most {@value #MAX_DEPTH} deep. */
  public static boolean withinDepth(JsonNode node) {
    return depth(node, 0) <= MAX_DEPTH;
  }

  /** A mapper that reads at most {@code depth} levels. */
  private static ObjectMapper bounded(int depth) {
    // One value and nothing after it, as a browser's JSON.parse reads attributes: Jackson otherwise
    // stops at the end of the first value and "{} trailing text" passed (AttributesFuzzTest).
    return builder(depth).build();
  }

  /**
   * {@link #bounded} that also refuses an object naming a key twice, for a protocol's own headers
   * (a Twilsock frame's), where a repeated key is a forgery, not a client's mistake.
   */
  public static ObjectMapper boundedUniqueKeys(int depth) {
    return builder(depth).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
  }

  private static JsonMapper.Builder builder(int depth) {
    return JsonMapper.builder(
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(depth).build())
                .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static int depth(JsonNode node, int above) {
    if (!node.isContainerNode()) {
      return above;
    }
    int deepest = above + 1;
    if (deepest > MAX_DEPTH) {
      return deepest;
    }
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child, above + 1));
      if (deepest > MAX_DEPTH) {
        return deepest;
      }
    }
    return deepest;
  }
}
