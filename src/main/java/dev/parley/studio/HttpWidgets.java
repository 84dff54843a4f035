package dev.parley.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.webhooks.FlowCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Make HTTP Request (https://www.twilio.com/docs/studio/widget-library/http-request) and Run
 * Function (https://www.twilio.com/docs/studio/widget-library/run-function): the request rendered
 * inside the flow's transaction, and what the answer, or its absence, leaves in {@code
 * widgets.<name>}. The call itself is made outside any transaction ({@link FlowCaller}).
 */
final class HttpWidgets {
  static final String HTTP = "make-http-request";
  static final String FUNCTION = "run-function";

  /** How long a call may take, the whole exchange. */
  static final long CALL_TIMEOUT_MILLIS = 10_000;

  /**
   * The parked execution's wait: past it, with no answer recorded (the node stopped during the
   * call), the timer sweep fails the widget.
   */
  static final Duration PARKED = Duration.ofMillis(CALL_TIMEOUT_MILLIS).plusSeconds(20);

  static final String JSON = "application/json;charset=utf-8";

  /** A rendered request: a form (params) or, for a JSON POST, a body. */
  record Request(
      String type,
      boolean post,
      String url,
      boolean json,
      Map<String, String> params,
      String body,
      boolean signed,
      boolean twilioAuth) {}

  private HttpWidgets() {}

  static boolean handles(String type) {
    return HTTP.equals(type) || FUNCTION.equals(type);
  }

  static String failEvent(String type) {
    return FUNCTION.equals(type) ? "fail" : "failed";
  }

  /** Renders the widget's request; a template that cannot render fails it at once. */
  static Outcome park(String type, JsonNode properties, ObjectNode context, Instant now) {
    Request request;
    try {
      request = render(type, properties, context);
    } catch (Templates.TemplateException e) {
      return failed(type, e.getMessage());
    }
    return Outcome.call(StudioJson.MAPPER.createObjectNode(), request, now.plus(PARKED));
  }

  private static Request render(String type, JsonNode properties, ObjectNode context) {
    String url = Templates.render(properties.path("url").asText(""), context).trim();
    Map<String, String> params = new LinkedHashMap<>();
    for (JsonNode parameter : properties.path("parameters")) {
      params.put(
          Templates.render(parameter.path("key").asText(""), context),
          Templates.render(parameter.path("value").asText(""), context));
    }
    if (FUNCTION.equals(type)) {
      return new Request(type, true, url, false, params, null, true, false);
    }
    boolean post = "POST".equalsIgnoreCase(properties.path("method").asText("GET"));
    boolean json =
        post
            && properties
                .path("content_type")
                .asText("")
                .toLowerCase(Locale.ROOT)
                .startsWith("application/json");
    String body = json ? Templates.render(properties.path("body").asText(""), context) : null;
    boolean auth = properties.path("add_twilio_auth").asBoolean(false);
    return new Request(type, post, url, json, params, body, false, auth);
  }

  /** A 2xx is {@code success}, anything else the widget's failure event. */
  static Outcome answered(String type, FlowCalls.Answer answer) {
    ObjectNode output = StudioJson.MAPPER.createObjectNode();
    output.put("status_code", answer.status());
    output.put("content_type", answer.contentType());
    if (answer.body() == null) {
      output.put("error", "the answer is larger than " + FlowCalls.MAX_ANSWER + " bytes");
      return Outcome.leave(failEvent(type), output);
    }
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    output.put("body", body);
    JsonNode parsed = parse(answer.contentType(), body);
    if (parsed != null) {
      output.set("parsed", parsed);
    }
    boolean ok = answer.status() >= 200 && answer.status() < 300;
    return Outcome.leave(ok ? "success" : failEvent(type), output);
  }

  static Outcome failed(String type, String why) {
    return Outcome.leave(failEvent(type), StudioJson.MAPPER.createObjectNode().put("error", why));
  }

  private static JsonNode parse(String contentType, String body) {
    String trimmed = body.trim();
    boolean json =
        contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")
            || trimmed.startsWith("{")
            || trimmed.startsWith("[");
    if (!json || trimmed.isEmpty()) {
      return null;
    }
    try {
      return StudioJson.MAPPER.readTree(trimmed);
    } catch (IOException notJson) {
      return null;
    }
  }
}
