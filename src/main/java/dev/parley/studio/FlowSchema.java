package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a definition against Parley's copy of Twilio's Studio flow definition JSON schema ({@code
 * studio/flow-definition.schema.json}: the top level, each state and transition, every widget's
 * property types and enumerations, offsets), turning each failure into a {@link Problem} whose path
 * is a JSON pointer to the offending value, as Twilio's {@code property_path} is.
 */
final class FlowSchema {
  private static final String RESOURCE = "/studio/flow-definition.schema.json";
  private static final JsonSchema SCHEMA = load();

  private FlowSchema() {}

  /** The definition's schema failures, in document order. */
  static List<Problem> problems(JsonNode definition) {
    Set<ValidationMessage> messages = SCHEMA.validate(definition);
    List<Problem> problems = new ArrayList<>();
    for (ValidationMessage message : messages) {
      if (isWrapper(message.getType())) {
        continue;
      }
      problems.add(problem(message));
    }
    problems.sort(Comparator.comparing(Problem::propertyPath, FlowSchema::documentOrder));
    return problems;
  }

  /** allOf / if-then report again what the keyword under them already said. */
  private static boolean isWrapper(String keyword) {
    return "allOf".equals(keyword) || "if".equals(keyword) || "then".equals(keyword);
  }

  private static Problem problem(ValidationMessage message) {
    String keyword = message.getType();
    JsonNodePath at = message.getInstanceLocation();
    if ("required".equals(keyword)) {
      String missing = message.getProperty();
      return new Problem(missing + " is required", pointer(at) + "/" + missing);
    }
    String name = name(at);
    JsonNode schema = message.getSchemaNode();
    String text =
        switch (keyword) {
          case "type" -> name + " must be " + typeWords(schema);
          case "enum" -> name + " must be one of " + enumWords(schema);
          case "const" -> name + " must be " + schema;
          case "minLength" -> name + " must not be empty";
          case "minItems" -> name + " must have at least " + schema + " item(s)";
          case "maxItems" -> name + " may have at most " + schema + " items";
          case "minimum" -> name + " must be at least " + schema;
          default -> name + " does not match the flow definition schema (" + keyword + ")";
        };
    return new Problem(text, pointer(at));
  }

  /** {@code $.states[2].properties.method} as {@code #/states/2/properties/method}. */
  static String pointer(JsonNodePath path) {
    StringBuilder pointer = new StringBuilder("#");
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer
          .append('/')
          .append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  /** The value's own name: the last field name, or the array's name and index for an item. */
  private static String name(JsonNodePath path) {
    int count = path.getNameCount();
    if (count == 0) {
      return "The definition";
    }
    Object last = path.getElement(count - 1);
    if (last instanceof Integer index && count > 1) {
      return path.getElement(count - 2) + "[" + index + "]";
    }
    return String.valueOf(last);
  }

  private static String typeWords(JsonNode type) {
    if (type.isArray()) {
      List<String> words = new ArrayList<>();
      type.forEach(t -> words.add(article(t.asText())));
      return String.join(" or ", words);
    }
    return article(type.asText());
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      default -> "a " + type;
    };
  }

  private static String enumWords(JsonNode values) {
    List<String> words = new ArrayList<>();
    values.forEach(v -> words.add(v.asText()));
    return words.stream().collect(Collectors.joining(", "));
  }

  /** Orders pointers as their values appear: numeric segments by number, not as text. */
  private static int documentOrder(String a, String b) {
    String[] left = a.split("/");
    String[] right = b.split("/");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int order = segmentOrder(left[i], right[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static int segmentOrder(String a, String b) {
    if (a.matches("\\d{1,9}") && b.matches("\\d{1,9}")) {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
    return a.compareTo(b);
  }

  private static JsonSchema load() {
    try (InputStream in = FlowSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      JsonNode schema = StudioJson.MAPPER.readTree(in);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(schema, SchemaValidatorsConfig.builder().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
