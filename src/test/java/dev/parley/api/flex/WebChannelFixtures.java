package dev.parley.api.flex;

import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicInteger;

/** Flex Flows to open web channels from, and a valid web channel request, for the tests. */
final class WebChannelFixtures {
  static final String STUDIO_FLOW = "FW00000000000000000000000000000001";
  static final String HOOK_URL = "https://example.com/flex-hook";
  private static final AtomicInteger names = new AtomicInteger();
  private final ParleyServer server;

  WebChannelFixtures(ParleyServer server) {
    this.server = server;
  }

  /** The account's default Conversation Service. */
  String defaultService() {
    return server
        .api()
        .get("/v1/Configuration")
        .then()
        .statusCode(200)
        .extract()
        .path("default_chat_service_sid");
  }

  /** A web flow with a Studio integration on the default service. */
  String studioFlow() {
    return flow(
        server
            .api()
            .formParam("IntegrationType", "studio")
            .formParam("Integration.FlowSid", STUDIO_FLOW));
  }

  /** A web flow with an external (webhook) integration on the default service. */
  String externalFlow() {
    return flow(
        server
            .api()
            .formParam("IntegrationType", "external")
            .formParam("Integration.Url", HOOK_URL));
  }

  /** A long-lived web flow that creates TaskRouter tasks, on the default service. */
  String taskFlow() {
    return flow(
        server
            .api()
            .formParam("IntegrationType", "task")
            .formParam("Integration.WorkspaceSid", "WS00000000000000000000000000000001")
            .formParam("Integration.WorkflowSid", "WW00000000000000000000000000000001")
            .formParam("LongLived", "true"));
  }

  /** Creates a web flow on the default service with {@code settings} added; returns its SID. */
  String flow(RequestSpecification settings) {
    return settings
        .formParam("FriendlyName", "flow " + names.incrementAndGet())
        .formParam("ChatServiceSid", defaultService())
        .formParam("ChannelType", "web")
        .post("/v1/FlexFlows")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  /** A request with every required parameter for {@code flow}, as the visitor {@code identity}. */
  RequestSpecification request(String flow, String identity) {
    return server
        .api()
        .formParam("FlexFlowSid", flow)
        .formParam("Identity", identity)
        .formParam("CustomerFriendlyName", "Ann Visitor")
        .formParam("ChatFriendlyName", "Flex WebChat");
  }

  Response create(String flow, String identity) {
    return request(flow, identity).post("/v1/WebChannels");
  }

  /** Opens a web channel on a fresh studio flow and returns its SID. */
  String channel(String identity) {
    return create(studioFlow(), identity).then().statusCode(201).extract().path("sid");
  }
}
