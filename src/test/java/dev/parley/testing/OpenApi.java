package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks response bodies against Twilio's official OpenAPI specs (twilio-oai's {@code spec/json},
 * which the build fetches from the npm registry: see {@code src/test/twilio-oai/fetch.sh}): the
 * operation is found from the request's method and path, and the body is validated against the
 * schema the spec gives for that status. Error bodies are checked against Twilio's error shape.
 */
public final class OpenApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SPECS =
      List.of(
          "twilio_conversations_v1.json",
          "twilio_flex_v2.json",
          "twilio_flex_v1.json",
          "twilio_api_v2010.json",
          "twilio_studio_v2.json");
  private static final Map<Path, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
  private static final List<Operation> OPERATIONS = load();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          builder ->
              builder
                  .metaSchema(OpenApi30.getInstance())
                  .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();
  private static final Set<String> ERROR_FIELDS = Set.of("code", "message", "more_info", "status");

  private record Operation(
      Path spec, String method, String template, Pattern pattern, int literals) {}

  private OpenApi() {}

  /**
   * The folder of {@code twilio_*.json} specs: the build's {@code parley.twilio-oai} property (the
   * fetched copy in {@code target/}, or the folder given with {@code -Dparley.twilio-oai=…}), else
   * the fetched copy when a test runs outside Maven.
   */
  static Path specs() {
    String configured = System.getProperty("parley.twilio-oai");
    Path folder =
        Path.of(configured != null ? configured : "target/twilio-oai/spec/json")
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "No OpenAPI specs in "
              + folder
              + ": `mvn generate-test-resources` fetches them (src/test/twilio-oai/fetch.sh)");
    }
    return folder;
  }

  /**
   * Asserts that {@code body}, answered with {@code status} to {@code method path}, is what the
   * spec says. Paths with no operation in any spec (Parley's own {@code /parley/...}) are skipped.
   */
  public static void assertValid(String method, String path, int status, String body) {
    if (status >= 400) {
      assertTwilioError(status, body);
      return;
    }
    Optional<Operation> operation = find(method, path);
    if (operation.isEmpty()) {
      assertThat(path)
          .as("no Twilio spec operation for %s %s", method, path)
          .startsWith("/parley/");
      return;
    }
    Operation op = operation.get();
    String pointer = "/paths/" + escape(op.template()) + "/" + op.method() + "/responses/" + status;
    JsonNode response = spec(op.spec()).at(pointer);
    assertThat(response.isMissingNode())
        .as(
            "spec %s has no %d response for %s %s",
            op.spec().getFileName(), status, method, op.template())
        .isFalse();
    if (status == 204) {
      assertThat(body).as("204 has no body").isNullOrEmpty();
      return;
    }
    String schemaPointer = pointer + "/content/application~1json/schema";
    JsonSchema schema =
        SCHEMAS.computeIfAbsent(
            op.spec() + "#" + schemaPointer,
            key ->
                FACTORY.getSchema(
                    SchemaLocation.of(op.spec().toUri() + "#" + schemaPointer), CONFIG));
    Set<ValidationMessage> errors =
        schema.validate(
            op.spec().endsWith("twilio_api_v2010.json") ? withApiHost(body) : body,
            InputFormat.JSON);
    assertThat(errors)
        .as(
            "%s %s → %d does not match %s in %s:%n%s",
            method, path, status, op.template(), op.spec().getFileName(), body)
        .isEmpty();
    try {
      assertSameFields(
          spec(op.spec()),
          spec(op.spec()).at(schemaPointer),
          JSON.readTree(body),
          method + " " + path);
    } catch (IOException e) {
      throw new AssertionError("response is not JSON: " + body, e);
    }
  }

  /**
   * The spec's schemas list no required fields, so a type check alone would pass a body that lacks
   * half of them. Twilio answers every declared field (null when unset): check the names too, for
   * the object and for the items of its lists.
   */
  private static void assertSameFields(
      JsonNode document, JsonNode schema, JsonNode body, String what) {
    JsonNode resolved = resolve(document, schema);
    JsonNode properties = resolved.get("properties");
    if (properties == null || !body.isObject()) {
      return;
    }
    List<String> declared = new ArrayList<>();
    properties.fieldNames().forEachRemaining(declared::add);
    List<String> answered = new ArrayList<>();
    body.fieldNames().forEachRemaining(answered::add);
    assertThat(answered)
        .as("fields of %s: %s", what, body)
        .containsExactlyInAnyOrderElementsOf(declared);
    properties
        .fields()
        .forEachRemaining(
            property -> {
              JsonNode items = resolve(document, property.getValue()).get("items");
              JsonNode value = body.get(property.getKey());
              if (items != null && value != null && value.isArray()) {
                value.forEach(
                    item ->
                        assertSameFields(document, items, item, what + " ." + property.getKey()));
              }
            });
  }

  /**
   * The 2010 API's list URIs ({@code uri}, {@code first_page_uri}, {@code next_page_uri}, …) are
   * relative to its host, as the spec's own examples show ({@code "/2010-04-01/Accounts.json?..."})
   * and as twilio-java reads them (it prefixes {@code https://api.twilio.com}); yet their schema
   * says {@code format: uri}, which needs a scheme. Check them as the client resolves them.
   */
  private static String withApiHost(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          JsonNode value = object.get(name);
          if ((name.equals("uri") || name.endsWith("_page_uri"))
              && value.isTextual()
              && value.asText().startsWith("/")) {
            object.put(name, "https://api.twilio.com" + value.asText());
          }
        }
      }
      return JSON.writeValueAsString(tree);
    } catch (IOException e) {
      throw new AssertionError("response is not JSON: " + body, e);
    }
  }

  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? schema : document.at(ref.asText().substring(1));
  }

  /** Twilio's error body: exactly code, message, more_info, status (= the HTTP status). */
  public static void assertTwilioError(int status, String body) {
    try {
      JsonNode error = JSON.readTree(body);
      assertThat(error.isObject()).as("error body is a JSON object: %s", body).isTrue();
      List<String> fields = new ArrayList<>();
      error.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .as("error fields of %s", body)
          .containsExactlyInAnyOrderElementsOf(ERROR_FIELDS);
      assertThat(error.get("code").isInt()).as("code is an integer: %s", body).isTrue();
      assertThat(error.get("status").asInt()).as("status of %s", body).isEqualTo(status);
      assertThat(error.get("message").asText()).as("message of %s", body).isNotBlank();
      assertThat(error.get("more_info").asText())
          .isEqualTo("https://www.twilio.com/docs/errors/" + error.get("code").asInt());
    } catch (IOException e) {
      throw new AssertionError("error body is not JSON: " + body, e);
    }
  }

  static Optional<Operation> find(String method, String path) {
    String lower = method.toLowerCase(Locale.ROOT);
    return OPERATIONS.stream()
        .filter(op -> op.method().equals(lower) && op.pattern().matcher(path).matches())
        .max(Comparator.comparingInt(Operation::literals));
  }

  private static JsonNode spec(Path file) {
    return DOCUMENTS.computeIfAbsent(
        file,
        f -> {
          try {
            return JSON.readTree(Files.readAllBytes(f));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static List<Operation> load() {
    List<Operation> operations = new ArrayList<>();
    for (String name : SPECS) {
      Path file = specs().resolve(name);
      spec(file)
          .get("paths")
          .fields()
          .forEachRemaining(
              entry -> {
                String template = entry.getKey();
                String regex = template.replaceAll("\\{[^/}]+}", "[^/]+");
                int literals = template.split("/").length - template.split("\\{").length + 1;
                entry
                    .getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (Set.of("get", "post", "delete").contains(method)) {
                            operations.add(
                                new Operation(
                                    file,
                                    method,
                                    template,
                                    Pattern.compile("^" + regex + "$"),
                                    literals));
                          }
                        });
              });
    }
    return operations;
  }

  private static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1");
  }
}
