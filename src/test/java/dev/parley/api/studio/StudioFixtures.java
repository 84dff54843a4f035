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
