package dev.parley.api.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.twilio.rest.flexapi.v1.FlexFlow;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilioClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlexFlowsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String FLOW = "FW00000000000000000000000000000001";

  private String service() {
    return server
        .api()
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .extract()
        .path("chat_service_sid");
  }

  private io.restassured.response.Response createStudioFlow(String name) {
    return server
        .api()
        .formParam("FriendlyName", name)
        .formParam("ChatServiceSid", service())
        .formParam("ChannelType", "web")
        .formParam("IntegrationType", "studio")
        .formParam("Integration.FlowSid", FLOW)
        .formParam("Integration.RetryCount", "1")
        .post("/v1/FlexFlows");
  }

  @Test
  void creates_a_studio_flex_flow() {
    createStudioFlow("Web chat flow")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^FO[0-9a-f]{32}$"))
        .body("channel_type", equalTo("web"))
        .body("enabled", equalTo(true))
        .body("integration.flow_sid", equalTo(FLOW))
        .body("integration.retry_count", equalTo(1));
  }

  @Test
  void rejects_a_studio_flow_without_a_flow_sid() {
    server
        .api()
        .formParam("FriendlyName", "No flow")
        .formParam("ChatServiceSid", service())
        .formParam("ChannelType", "web")
        .formParam("IntegrationType", "studio")
        .post("/v1/FlexFlows")
        .then()
        .statusCode(400)
        .body("message", containsString("Integration.FlowSid"));
  }

  @Test
  void rejects_a_chat_service_of_no_account() {
    server
        .api()
        .formParam("FriendlyName", "Stray")
        .formParam("ChatServiceSid", "IS00000000000000000000000000000009")
        .formParam("ChannelType", "web")
        .post("/v1/FlexFlows")
        .then()
        .statusCode(400)
        .body("message", containsString("ChatServiceSid"));
  }

  @Test
  void rejects_an_unknown_channel_type() {
    server
        .api()
        .formParam("FriendlyName", "Pigeon")
        .formParam("ChatServiceSid", service())
        .formParam("ChannelType", "pigeon")
        .post("/v1/FlexFlows")
        .then()
        .statusCode(400)
        .body("message", containsString("ChannelType"));
  }

  @Test
  void rejects_a_second_flow_with_the_same_name() {
    createStudioFlow("Twin").then().statusCode(201);

    createStudioFlow("Twin").then().statusCode(409);
  }

  @Test
  void updates_the_integration_keeping_what_was_not_sent() {
    String sid = createStudioFlow("Updatable").then().extract().path("sid");

    server
        .api()
        .formParam("Integration.RetryCount", "3")
        .post("/v1/FlexFlows/" + sid)
        .then()
        .statusCode(200)
        .body("integration.flow_sid", equalTo(FLOW))
        .body("integration.retry_count", equalTo(3));
  }

  @Test
  void is_driven_by_twilio_java_through_create_read_update_delete() {
    var twilio = TwilioClients.of(server);
    FlexFlow created =
        FlexFlow.creator("Helper flow", service(), FlexFlow.ChannelType.WEB)
            .setIntegrationType(FlexFlow.IntegrationType.EXTERNAL)
            .setIntegrationUrl(java.net.URI.create("https://example.com/hook"))
            .create(twilio);

    FlexFlow updated = FlexFlow.updater(created.getSid()).setEnabled(false).update(twilio);
    List<String> names = new ArrayList<>();
    FlexFlow.reader()
        .setFriendlyName("Helper flow")
        .read(twilio)
        .forEach(f -> names.add(f.getFriendlyName()));
    boolean deleted = FlexFlow.deleter(created.getSid()).delete(twilio);

    assertThat(updated.getEnabled()).isFalse();
    assertThat(names).containsExactly("Helper flow");
    assertThat(deleted).isTrue();
    server.api().get("/v1/FlexFlows/" + created.getSid()).then().statusCode(404);
  }
}
