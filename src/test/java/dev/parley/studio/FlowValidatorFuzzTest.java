package dev.parley.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.Json;
import dev.parley.testing.NoStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The validator against Twilio's sample flow with one value anywhere replaced by any JSON value, or
 * removed: it always answers with findings (each a message and a JSON pointer), never an exception.
 */
@NoStore
class FlowValidatorFuzzTest {
  private static final JsonNode SAMPLE = sample();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 2000)
  void any_one_value_replaced_gives_findings_not_an_exception(
      @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll("values") JsonNode value) {
    JsonNode definition = SAMPLE.deepCopy();
    List<Slot> slots = slots(definition);

    slots.get(where % slots.size()).replace(value);

    wellFormed(FlowValidator.check(definition));
  }

  @Property(tries = 500)
  void any_one_value_removed_gives_findings_not_an_exception(
      @ForAll @IntRange(min = 0, max = 10_000) int where) {
    JsonNode definition = SAMPLE.deepCopy();
    List<Slot> slots = slots(definition);

    slots.get(where % slots.size()).remove();

    wellFormed(FlowValidator.check(definition));
  }

  @Property(tries = 1)
  void the_sample_itself_is_valid() {
    assertThat(FlowValidator.check(SAMPLE).errors()).isEmpty();
  }

  private static void wellFormed(Validation validation) {
    List<Problem> all = new ArrayList<>(validation.errors());
    all.addAll(validation.warnings());
    for (Problem problem : all) {
      assertThat(problem.message()).isNotBlank();
      assertThat(problem.propertyPath()).startsWith("#");
    }
  }

  @Provide
  Arbitrary<JsonNode> values() {
    Arbitrary<JsonNode> scalars =
        Arbitraries.oneOf(
            Arbitraries.just(NODES.nullNode()),
            Arbitraries.of(true, false).map(NODES::booleanNode),
            Arbitraries.integers().map(NODES::numberNode),
            Arbitraries.doubles().map(NODES::numberNode),
            Arbitraries.strings().ofMaxLength(30).map(NODES::textNode),
            Arbitraries.of("GET", "PUT", "trigger", "teleport", "Trigger", "", "#/x")
                .map(NODES::textNode));
    Arbitrary<JsonNode> nested =
        Arbitraries.integers()
            .between(1, 30)
            .map(
                depth -> {
                  JsonNode node = NODES.textNode("deep");
                  for (int i = 0; i < depth; i++) {
                    node = i % 2 == 0 ? NODES.arrayNode().add(node) : wrap(node);
                  }
                  return node;
                });
    return Arbitraries.oneOf(
        scalars, nested, Arbitraries.just(NODES.objectNode()), Arbitraries.just(NODES.arrayNode()));
  }

  private static JsonNode wrap(JsonNode node) {
    ObjectNode object = NODES.objectNode();
    object.set("type", node);
    return object;
  }

  /** A place in the tree that holds a value: a field of an object or an item of an array. */
  private record Slot(JsonNode parent, String field, int index) {
    void replace(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static List<Slot> slots(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    return slots;
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
              });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static JsonNode sample() {
    try (InputStream in =
        FlowValidatorFuzzTest.class.getResourceAsStream("/studio/twilio-simple-flow.json")) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
