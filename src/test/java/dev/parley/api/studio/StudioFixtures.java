package dev.parley.api.studio;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;

/** Flow definitions shaped like Twilio's documented samples, and flows made through REST. */
final class StudioFixtures {
  private final ParleyServer server;

  StudioFixtures(ParleyServer server) {
    this.server = server;
  }

  /** Trigger → send-message, as Twilio's "Create a Flow" sample definition. */
  static final String HELLO =
      """
      {"description": "A New Flow",
       "states": [
        {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
         "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall"},
                         {"event": "incomingConversationMessage", "next": "greet"},
                         {"event": "incomingRequest", "next": "greet"},
                         {"event": "incomingParent"}]},
        {"name": "greet", "type": "send-message",
         "properties": {"body": "Hello {{flow.data.name | default: 'there'}}",
                        "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}",
                        "offset": {"x": 0, "y": 200}},
         "transitions": [{"event": "sent"}, {"event": "failed"}]}],
       "initial_state": "Trigger",
       "flags": {"allow_concurrent_calls": true}}
      """;

  /**
   * REST trigger → set-variables → split on a parameter: {@code flow.data.plan} "gold" goes to
   * {@code vip} (set-variables again), anything else ends at once.
   */
  static final String ROUTER =
      """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingRequest", "next": "remember"}]},
        {"name": "remember", "type": "set-variables",
         "properties": {"variables": [{"key": "who", "value": "{{trigger.request.to}}"},
                                      {"key": "plan", "value": "{{flow.data.plan | upcase}}"}]},
         "transitions": [{"event": "next", "next": "route"}]},
        {"name": "route", "type": "split-based-on",
         "properties": {"input": "{{flow.variables.plan}}"},
         "transitions": [{"event": "noMatch"},
                         {"event": "match", "next": "vip",
                          "conditions": [{"friendly_name": "gold", "type": "equal_to",
                                          "arguments": ["{{flow.variables.plan}}"],
                                          "value": "gold"}]}]},
        {"name": "vip", "type": "set-variables",
         "properties": {"variables": [{"key": "vip", "value": "yes"}]},
         "transitions": [{"event": "next"}]}],
       "initial_state": "Trigger"}
      """;

  /**
   * A chat flow: greet, ask, split on the answer ("sales" or anything else), answer, then send to
   * Flex with task attributes. The question waits {@code timeout} seconds.
   */
  static String chat(int timeout) {
    return """
      {"states": [
        {"name": "Trigger", "type": "trigger", "properties": {},
         "transitions": [{"event": "incomingConversationMessage", "next": "ask"}]},
        {"name": "ask", "type": "send-and-wait-for-reply",
         "properties": {"body": "Hi {{trigger.conversation.Author}}, sales or support?",
                        "from": "Bot", "timeout": "%d"},
         "transitions": [{"event": "incomingMessage", "next": "route"},
                         {"event": "timeout", "next": "bye"},
                         {"event": "deliveryFailure"}]},
        {"name": "route", "type": "split-based-on",
         "properties": {"input": "{{widgets.ask.inbound.Body}}"},
         "transitions": [{"event": "noMatch", "next": "support"},
                         {"event": "match", "next": "sales",
                          "conditions": [{"friendly_name": "sales", "type": "matches_any_of",
                                          "arguments": ["{{widgets.ask.inbound.Body}}"],
                                          "value": "sales,buy"}]}]},
        {"name": "sales", "type": "send-message",
         "properties": {"body": "Sales it is.", "from": "Bot"},
         "transitions": [{"event": "sent", "next": "agent"}, {"event": "failed"}]},
        {"name": "support", "type": "send-message",
         "properties": {"body": "Support: you said {{widgets.ask.inbound.Body}}.", "from": "Bot"},
         "transitions": [{"event": "sent", "next": "agent"}, {"event": "failed"}]},
        {"name": "bye", "type": "send-message",
         "properties": {"body": "No answer; bye.", "from": "Bot"},
         "transitions": [{"event": "sent"}, {"event": "failed"}]},
        {"name": "agent", "type": "send-to-flex",
         "properties": {"workflow": "WW00000000000000000000000000000000", "channel": "TC00000000000000000000000000000000",
                        "attributes": "{\\"topic\\": \\"{{widgets.ask.inbound.Body}}\\"}"},
         "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue"},
                         {"event": "callFailure"}]}],
       "initial_state": "Trigger"}
      """
        .formatted(timeout);
  }

  /** A definition whose transition goes to a widget that does not exist. */
  static final String DANGLING =
      """
      {"states": [{"name": "Trigger", "type": "trigger", "properties": {},
                   "transitions": [{"event": "incomingRequest", "next": "nowhere"}]}],
       "initial_state": "Trigger"}
      """;

  /** A flow of the bootstrapped account: its SID. */
  String flow(String status, String definition) {
    return create(server.api(), "Flow", status, definition).getString("sid");
  }

  static JsonPath create(RequestSpecification as, String name, String status, String definition) {
    return as.formParam("FriendlyName", name)
        .formParam("Status", status)
        .formParam("Definition", definition)
        .post("/v2/Flows")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Requests as a fresh account of its own. */
  Supplier<RequestSpecification> otherAccount() {
    JsonPath created =
        server
            .api()
            .formParam("FriendlyName", "other")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return () -> server.as(created.getString("sid"), created.getString("auth_token"));
  }
}
