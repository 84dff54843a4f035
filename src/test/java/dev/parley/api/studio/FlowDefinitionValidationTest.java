package dev.parley.api.studio;

import static dev.parley.api.studio.StudioFixtures.HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Definitions checked against Twilio's flow definition schema on create, update and Validate:
 * Twilio's own samples pass, each kind of fault is a 400/81022 naming it and its JSON pointer, and
 * hostile definitions (huge, deep, many widgets, any Unicode) get a Twilio error, never a 500.
 */
class FlowDefinitionValidationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final StudioFixtures fixtures = new StudioFixtures(server);

  /** Twilio's "Simple Flow Definition" sample, exactly as its Flow Definition page gives it. */
  private static final String TWILIO_SIMPLE = resource("/studio/twilio-simple-flow.json");

  /** The definition of Twilio's Validate and Create samples: one trigger, nothing else. */
  private static final String TWILIO_NEW_FLOW =
      """
      {"description": "A New Flow", "flags": {"allow_concurrent_calls": true},
       "initial_state": "Trigger",
       "states": [{"name": "Trigger", "properties": {"offset": {"x": 0, "y": 0}},
                   "transitions": [], "type": "trigger"}]}
      """;

  /** Trigger → one widget named {@code w} of the given type, properties and transitions. */
  private static String oneWidget(String type, String properties, String transitions) {
    return """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
         "transitions": [{"event": "incomingRequest", "next": "w"}]},
        {"name": "w", "type": "%s", "properties": %s, "transitions": %s}],
       "initial_state": "Trigger"}
      """
        .formatted(type, properties, transitions);
  }

  private static String http(String properties) {
    return oneWidget(
        "make-http-request",
        "{" + properties + "}",
        "[{\"event\": \"success\"}, {\"event\": \"failed\"}]");
  }

  private static final String GOOD_HTTP =
      "\"method\": \"GET\", \"url\": \"https://example.com/x\", "
          + "\"content_type\": \"application/x-www-form-urlencoded;charset=utf-8\"";

  private static ValidatableResponse validate(String definition) {
    return server
        .api()
        .formParam("FriendlyName", "Check")
        .formParam("Status", "published")
        .formParam("Definition", definition)
        .post("/v2/Flows/Validate")
        .then();
  }

  private static void refused(String definition, String message) {
    validate(definition)
        .statusCode(400)
        .body("code", equalTo(81022))
        .body("message", equalTo("Flow definition validation failed: " + message))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/81022"));
  }

  @Test
  void twilios_simple_flow_sample_is_valid_with_warnings_for_its_voice_widgets() {
    JsonPath flow = StudioFixtures.create(server.api(), "Simple", "published", TWILIO_SIMPLE);

    assertThat(flow.getBoolean("valid")).isTrue();
    assertThat(flow.getList("errors")).isEmpty();
    assertThat(flow.getList("warnings.property_path"))
        .containsExactly("#/states/1/type", "#/states/3/type");
  }

  @Test
  void twilios_new_flow_sample_validates() {
    validate(TWILIO_NEW_FLOW).statusCode(200).body("valid", equalTo(true));
  }

  @Test
  void refuses_a_definition_without_an_initial_state() {
    refused(
        TWILIO_NEW_FLOW.replace("\"initial_state\": \"Trigger\",", ""),
        "initial_state must name the trigger widget (at #/initial_state)");
  }

  @Test
  void refuses_a_transition_to_a_widget_that_does_not_exist() {
    refused(
        TWILIO_SIMPLE.replaceFirst("\"next\": \"say_play_1\"", "\"next\": \"say_play_2\""),
        "Transition to say_play_2 references a widget that does not exist"
            + " (at #/states/0/transitions/1/next)");
  }

  @Test
  void refuses_a_property_of_the_wrong_type() {
    refused(
        http(GOOD_HTTP.replace("\"GET\"", "\"GET\", \"add_twilio_auth\": \"yes\"")),
        "add_twilio_auth must be a boolean (at #/states/1/properties/add_twilio_auth)");
  }

  @Test
  void refuses_an_unknown_widget_type() {
    refused(
        oneWidget("send-to-auto-pilot", "{}", "[]"),
        "Unknown widget type send-to-auto-pilot (at #/states/1/type)");
  }

  @Test
  void refuses_an_http_method_twilio_does_not_offer() {
    refused(
        http(GOOD_HTTP.replace("\"GET\"", "\"PUT\"")),
        "method must be one of GET, POST (at #/states/1/properties/method)");
  }

  @Test
  void refuses_a_content_type_twilio_does_not_offer() {
    refused(
        http(GOOD_HTTP.replace("application/x-www-form-urlencoded;charset=utf-8", "text/xml")),
        "content_type must be one of application/x-www-form-urlencoded;charset=utf-8,"
            + " application/json;charset=utf-8 (at #/states/1/properties/content_type)");
  }

  @Test
  void refuses_an_http_widget_without_its_method() {
    refused(
        http(GOOD_HTTP.replace("\"method\": \"GET\", ", "")),
        "Widget w (make-http-request) needs property method (at #/states/1/properties/method)");
  }

  @Test
  void refuses_flags_without_allow_concurrent_calls() {
    refused(
        TWILIO_NEW_FLOW.replace("\"allow_concurrent_calls\": true", ""),
        "allow_concurrent_calls is required (at #/flags/allow_concurrent_calls)");
  }

  @Test
  void refuses_a_description_that_is_not_text() {
    refused(
        TWILIO_NEW_FLOW.replace("\"A New Flow\"", "42"),
        "description must be a string (at #/description)");
  }

  @Test
  void refuses_a_send_and_wait_timeout_that_is_neither_text_nor_a_whole_number() {
    refused(
        oneWidget(
            "send-and-wait-for-reply",
            "{\"body\": \"Hi?\", \"timeout\": 1.5}",
            "[{\"event\": \"incomingMessage\"}]"),
        "timeout must be a string or an integer (at #/states/1/properties/timeout)");
  }

  @Test
  void a_draft_lists_every_fault_of_an_offset_in_document_order() {
    String definition = TWILIO_NEW_FLOW.replace("{\"x\": 0, \"y\": 0}", "{\"x\": \"left\"}");

    JsonPath draft = StudioFixtures.create(server.api(), "Offsets", "draft", definition);

    assertThat(draft.getBoolean("valid")).isFalse();
    assertThat(draft.getList("errors.property_path"))
        .containsExactly("#/states/0/properties/offset/x", "#/states/0/properties/offset/y");
    assertThat(draft.getList("errors.message"))
        .containsExactly("x must be a number", "y is required");
  }

  @Test
  void the_81022_message_counts_the_faults_it_does_not_name() {
    refused(
        TWILIO_NEW_FLOW.replace("{\"x\": 0, \"y\": 0}", "{\"x\": \"left\"}"),
        "x must be a number (at #/states/0/properties/offset/x) and 1 more");
  }

  @Test
  void refuses_a_split_condition_without_a_value() {
    String split =
        oneWidget(
            "split-based-on",
            "{\"input\": \"{{flow.data.plan}}\"}",
            """
            [{"event": "noMatch"},
             {"event": "match", "conditions": [{"friendly_name": "gold", "type": "equal_to",
                                                "arguments": ["{{flow.data.plan}}"]}]}]
            """);

    refused(split, "value is required (at #/states/1/transitions/1/conditions/0/value)");
  }

  @Test
  void accepts_a_widget_parley_does_not_run_with_a_warning() {
    String voice =
        oneWidget("say-play", "{\"say\": \"Hello\"}", "[{\"event\": \"audioComplete\"}]");

    JsonPath flow = StudioFixtures.create(server.api(), "Voice", "published", voice);

    assertThat(flow.getBoolean("valid")).isTrue();
    assertThat(flow.getString("warnings[0].message"))
        .isEqualTo(
            "Widget type say-play is not run by Parley: an execution that reaches w fails there");
    assertThat(flow.getString("warnings[0].property_path")).isEqualTo("#/states/1/type");
  }

  @Test
  void still_checks_the_property_types_of_a_widget_parley_does_not_run() {
    refused(
        oneWidget(
            "say-play",
            "{\"say\": \"Hi\", \"loop\": \"twice\"}",
            "[{\"event\": \"audioComplete\"}]"),
        "loop must be an integer (at #/states/1/properties/loop)");
  }

  @Test
  void warns_when_send_to_flex_lacks_the_workflow_twilio_requires() {
    String flex =
        oneWidget(
            "send-to-flex",
            "{\"channel\": \"TC00000000000000000000000000000000\", \"attributes\": \"{}\"}",
            "[{\"event\": \"callComplete\"}, {\"event\": \"failedToEnqueue\"}]");

    JsonPath flow = StudioFixtures.create(server.api(), "Flex", "published", flex);

    assertThat(flow.getBoolean("valid")).isTrue();
    assertThat(flow.getList("warnings.property_path"))
        .containsExactly("#/states/1/properties/workflow");
  }

  @Test
  void an_update_that_would_publish_a_faulty_revision_is_refused_and_keeps_the_revision() {
    String sid = fixtures.flow("published", HELLO);

    server
        .api()
        .formParam("Status", "published")
        .formParam("Definition", HELLO.replace("\"x\": 0, \"y\": 200", "\"x\": 0, \"y\": \"low\""))
        .post("/v2/Flows/" + sid)
        .then()
        .statusCode(400)
        .body("code", equalTo(81022))
        .body(
            "message",
            equalTo(
                "Flow definition validation failed: y must be a number"
                    + " (at #/states/1/properties/offset/y)"));
    server.api().get("/v2/Flows/" + sid).then().statusCode(200).body("revision", equalTo(1));
  }

  @Test
  void publishing_a_saved_faulty_draft_without_a_new_definition_is_refused() {
    String sid = fixtures.flow("draft", http(GOOD_HTTP.replace("\"GET\"", "\"DELETE\"")));

    server
        .api()
        .formParam("Status", "published")
        .post("/v2/Flows/" + sid)
        .then()
        .statusCode(400)
        .body("code", equalTo(81022))
        .body(
            "message",
            equalTo(
                "Flow definition validation failed: method must be one of GET, POST"
                    + " (at #/states/1/properties/method)"));
  }

  @Test
  void refuses_more_than_a_thousand_widgets() {
    StringBuilder states = new StringBuilder();
    states.append(
        "{\"name\": \"Trigger\", \"type\": \"trigger\", \"properties\": {}, \"transitions\": []}");
    for (int i = 0; i < 1000; i++) {
      states
          .append(",{\"name\": \"s")
          .append(i)
          .append("\", \"type\": \"set-variables\", \"properties\": {\"variables\": []},")
          .append(" \"transitions\": [{\"event\": \"next\"}]}");
    }

    refused(
        "{\"initial_state\": \"Trigger\", \"states\": [" + states + "]}",
        "states may have at most 1000 widgets (at #/states)");
  }

  @Test
  void validates_a_thousand_widget_flow() {
    StringBuilder states = new StringBuilder();
    states.append(
        "{\"name\": \"Trigger\", \"type\": \"trigger\", \"properties\": {},"
            + " \"transitions\": [{\"event\": \"incomingRequest\", \"next\": \"s0\"}]}");
    for (int i = 0; i < 999; i++) {
      String next = i < 998 ? ", \"next\": \"s" + (i + 1) + "\"" : "";
      states
          .append(",{\"name\": \"s")
          .append(i)
          .append("\", \"type\": \"send-message\", \"properties\": {\"body\": \"message ")
          .append(i)
          .append("\", \"offset\": {\"x\": 0, \"y\": ")
          .append(i * 200)
          .append("}}, \"transitions\": [{\"event\": \"sent\"")
          .append(next)
          .append("}, {\"event\": \"failed\"}]}");
    }

    validate("{\"initial_state\": \"Trigger\", \"states\": [" + states + "]}")
        .statusCode(200)
        .body("valid", equalTo(true));
  }

  @Test
  void a_ten_megabyte_definition_is_refused_as_too_large() {
    String padding = "x".repeat(10 * 1024 * 1024);

    validate(TWILIO_NEW_FLOW.replace("A New Flow", padding))
        .statusCode(413)
        .body("code", equalTo(20413));
  }

  @Test
  void a_definition_nested_too_deep_is_refused_as_a_bad_parameter() {
    String deep = "[".repeat(5000) + "]".repeat(5000);

    validate(TWILIO_NEW_FLOW.replace("\"A New Flow\"", deep))
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            equalTo("Invalid parameter Definition: must be nested at most 32 levels deep"));
  }

  @Test
  void an_object_where_text_belongs_is_a_type_fault_even_nested_deep() {
    String nested = "{\"a\":".repeat(28) + "1" + "}".repeat(28);

    refused(
        oneWidget("send-message", "{\"body\": " + nested + "}", "[{\"event\": \"sent\"}]"),
        "body must be a string (at #/states/1/properties/body)");
  }

  @Test
  void odd_shapes_anywhere_are_81022_faults_never_a_server_error() {
    List<String> odd =
        List.of(
            "{\"initial_state\": \"Trigger\", \"states\": [null, 1, \"x\", [], {}]}",
            "{\"initial_state\": [], \"states\": {}}",
            TWILIO_NEW_FLOW.replace("\"transitions\": []", "\"transitions\": \"next\""),
            TWILIO_NEW_FLOW.replace("\"transitions\": []", "\"transitions\": [null, 7, []]"),
            TWILIO_NEW_FLOW.replace("{\"x\": 0, \"y\": 0}", "[0, 0]"),
            TWILIO_NEW_FLOW.replace("\"type\": \"trigger\"", "\"type\": {\"const\": \"trigger\"}"),
            TWILIO_NEW_FLOW.replace(
                "\"flags\": {\"allow_concurrent_calls\": true}", "\"flags\": null"),
            TWILIO_SIMPLE.replace("\"loop\": 1", "\"loop\": 1e400"));

    for (String definition : odd) {
      validate(definition).statusCode(400).body("code", equalTo(81022));
    }
  }

  @Test
  void unicode_names_and_texts_are_kept_as_sent() {
    String definition =
        """
        {"description": "Grüße — 你好 — مرحبا 👋",
         "states": [
          {"name": "Trigger", "type": "trigger", "properties": {},
           "transitions": [{"event": "incomingRequest", "next": "grüßen_👋"}]},
          {"name": "grüßen_👋", "type": "send-message",
           "properties": {"body": "Hallo 👋 \\u0000 \\ud83d\\ude00 مرحبا"},
           "transitions": [{"event": "sent"}, {"event": "failed"}]}],
         "initial_state": "Trigger"}
        """;

    JsonPath flow = StudioFixtures.create(server.api(), "Unicode", "published", definition);

    assertThat(flow.getBoolean("valid")).isTrue();
    assertThat(flow.getString("definition.states[1].name")).isEqualTo("grüßen_👋");
    assertThat(flow.getString("definition.description")).isEqualTo("Grüße — 你好 — مرحبا 👋");
  }

  @Test
  void an_unknown_widget_name_in_a_transition_is_named_exactly_even_in_unicode() {
    validate(
            oneWidget(
                "send-message", "{\"body\": \"x\"}", "[{\"event\": \"sent\", \"next\": \"ß/~1\"}]"))
        .statusCode(400)
        .body("code", equalTo(81022))
        .body(
            "message",
            equalTo(
                "Flow definition validation failed: Transition to ß/~1 references a widget that"
                    + " does not exist (at #/states/1/transitions/0/next)"));
  }

  @Test
  void a_saved_revision_lists_its_schema_errors() {
    String sid = fixtures.flow("draft", TWILIO_SIMPLE.replace("\"loop\": 1", "\"loop\": -1"));

    server
        .api()
        .get("/v2/Flows/" + sid + "/Revisions/1")
        .then()
        .statusCode(200)
        .body("valid", equalTo(false))
        .body("errors", hasSize(1))
        .body("errors[0].message", equalTo("loop must be at least 0"))
        .body("errors[0].property_path", equalTo("#/states/1/properties/loop"));
  }

  private static String resource(String path) {
    try (InputStream in = FlowDefinitionValidationTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
