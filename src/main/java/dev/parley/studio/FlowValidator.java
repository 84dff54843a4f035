package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a flow definition as Twilio does on create, update and {@code /v2/Flows/Validate}
 * (https://www.twilio.com/docs/api/errors/81022): first what a JSON schema cannot say ({@code
 * initial_state} naming the one {@code trigger} state, unique names, transitions on the widget's
 * own events to states that exist, the properties a widget needs, split conditions of a known
 * type), then {@link FlowSchema}, the flow definition schema itself (types, enumerations, offsets),
 * for every value the first checks did not already fault. A widget Parley does not run is a
 * warning.
 */
final class FlowValidator {
  /** Twilio's schema: {@code "states": {"maxItems": 1000}}. */
  static final int MAX_STATES = 1000;

  private FlowValidator() {}

  static Validation check(JsonNode definition) {
    List<Problem> errors = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    JsonNode states = definition.get("states");
    if (states == null || !states.isArray() || states.isEmpty()) {
      errors.add(new Problem("states must be a non-empty array", "#/states"));
      return withSchema(definition, errors, warnings);
    }
    if (states.size() > MAX_STATES) {
      // Checked alone: the rest would walk every one of a huge array for nothing.
      errors.add(new Problem("states may have at most " + MAX_STATES + " widgets", "#/states"));
      return new Validation(errors, warnings);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < states.size(); i++) {
      JsonNode name = states.get(i).get("name");
      if (name != null && name.isTextual() && !names.add(name.asText())) {
        errors.add(
            new Problem(
                "Widget names must be unique: " + name.asText() + " is used twice",
                "#/states/" + i + "/name"));
      }
    }
    JsonNode initial = definition.get("initial_state");
    if (initial == null || !initial.isTextual()) {
      errors.add(new Problem("initial_state must name the trigger widget", "#/initial_state"));
    } else if (!names.contains(initial.asText())) {
      errors.add(
          new Problem(
              "initial_state " + initial.asText() + " is not a widget of this flow",
              "#/initial_state"));
    }
    int triggers = 0;
    for (int i = 0; i < states.size(); i++) {
      JsonNode state = states.get(i);
      String at = "#/states/" + i;
      if (!state.isObject()) {
        errors.add(new Problem("a widget must be an object", at));
        continue;
      }
      String type = text(state, "type");
      String name = text(state, "name");
      if (name == null || name.isEmpty()) {
        errors.add(new Problem("a widget needs a name", at + "/name"));
      }
      if (type == null) {
        errors.add(new Problem("a widget needs a type", at + "/type"));
        continue;
      }
      if ("trigger".equals(type)) {
        triggers++;
        if (initial != null && name != null && !name.equals(initial.asText())) {
          errors.add(new Problem("the trigger widget must be the initial_state", at));
        }
      } else if (initial != null && initial.asText().equals(name)) {
        errors.add(new Problem("initial_state must be the trigger widget", "#/initial_state"));
      }
      JsonNode properties = state.get("properties");
      if (properties == null || !properties.isObject()) {
        errors.add(new Problem("properties must be an object", at + "/properties"));
        properties = null;
      }
      JsonNode transitions = state.get("transitions");
      if (transitions == null || !transitions.isArray()) {
        errors.add(new Problem("transitions must be an array", at + "/transitions"));
        transitions = null;
      }
      if (Widgets.NOT_RUN.contains(type)) {
        warnings.add(
            new Problem(
                "Widget type "
                    + type
                    + " is not run by Parley: an execution that reaches "
                    + name
                    + " fails there",
                at + "/type"));
      } else if (!Widgets.runs(type)) {
        errors.add(new Problem("Unknown widget type " + type, at + "/type"));
        continue;
      }
      if (transitions != null) {
        checkTransitions(type, transitions, names, at, errors);
      }
      if (properties != null && Widgets.REQUIRED.containsKey(type)) {
        for (String property : Widgets.REQUIRED.get(type)) {
          if (isBlank(properties.get(property))) {
            errors.add(
                new Problem(
                    "Widget " + name + " (" + type + ") needs property " + property,
                    at + "/properties/" + property));
          }
        }
      }
      if (properties != null && Widgets.REQUIRED_BY_TWILIO.containsKey(type)) {
        for (String property : Widgets.REQUIRED_BY_TWILIO.get(type)) {
          if (isBlank(properties.get(property))) {
            warnings.add(
                new Problem(
                    "Widget "
                        + name
                        + " ("
                        + type
                        + ") has no "
                        + property
                        + ": Parley runs it without, Twilio requires it",
                    at + "/properties/" + property));
          }
        }
      }
      if ("set-variables".equals(type) && properties != null) {
        checkVariables(properties.get("variables"), at + "/properties/variables", errors);
      }
    }
    if (triggers != 1) {
      errors.add(
          new Problem("a flow needs exactly one trigger widget, has " + triggers, "#/states"));
    }
    return withSchema(definition, errors, warnings);
  }

  /** Adds the schema's findings at paths the checks above left alone (one error a value). */
  private static Validation withSchema(
      JsonNode definition, List<Problem> errors, List<Problem> warnings) {
    Set<String> faulted = new HashSet<>();
    errors.forEach(e -> faulted.add(e.propertyPath()));
    for (Problem problem : FlowSchema.problems(definition)) {
      if (faulted.add(problem.propertyPath())) {
        errors.add(problem);
      }
    }
    return new Validation(errors, warnings);
  }

  private static boolean isBlank(JsonNode value) {
    return value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty());
  }

  private static void checkTransitions(
      String type, JsonNode transitions, Set<String> names, String at, List<Problem> errors) {
    Set<String> events = Widgets.EVENTS.get(type);
    for (int t = 0; t < transitions.size(); t++) {
      JsonNode transition = transitions.get(t);
      String where = at + "/transitions/" + t;
      String event = text(transition, "event");
      if (event == null) {
        errors.add(new Problem("a transition needs an event", where + "/event"));
        continue;
      }
      if (events != null && !events.contains(event)) {
        errors.add(
            new Problem(
                "Event " + event + " is not an event of widget type " + type, where + "/event"));
      }
      String next = text(transition, "next");
      if (next != null && !next.isEmpty() && !names.contains(next)) {
        errors.add(
            new Problem(
                "Transition to " + next + " references a widget that does not exist",
                where + "/next"));
      }
      if ("split-based-on".equals(type) && "match".equals(event)) {
        checkConditions(transition.get("conditions"), where + "/conditions", errors);
      }
    }
  }

  private static void checkConditions(JsonNode conditions, String at, List<Problem> errors) {
    if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
      errors.add(new Problem("a match transition needs conditions", at));
      return;
    }
    for (int c = 0; c < conditions.size(); c++) {
      String type = text(conditions.get(c), "type");
      if (type == null || !Widgets.CONDITIONS.contains(type)) {
        errors.add(new Problem("Unknown condition type " + type, at + "/" + c + "/type"));
      }
    }
  }

  private static void checkVariables(JsonNode variables, String at, List<Problem> errors) {
    if (variables == null || !variables.isArray()) {
      errors.add(new Problem("variables must be an array of {key, value}", at));
      return;
    }
    for (int v = 0; v < variables.size(); v++) {
      String key = text(variables.get(v), "key");
      if (key == null || key.isEmpty()) {
        errors.add(new Problem("a variable needs a key", at + "/" + v + "/key"));
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
