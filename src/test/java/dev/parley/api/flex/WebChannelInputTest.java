package dev.parley.api.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /v1/WebChannels}: every bad request gets its Twilio error, and writes nothing. */
class WebChannelInputTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String UNKNOWN_FLOW = "FO00000000000000000000000000000009";
  private final WebChannelFixtures fixtures = new WebChannelFixtures(server);

  /** A sub-account of the main account: each call gives a request that authenticates as it. */
  private static Supplier<RequestSpecification> subaccount(String name) {
    JsonPath created =
        server
            .api()
            .formParam("FriendlyName", name)
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return () -> server.as(created.getString("sid"), created.getString("auth_token"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FlexFlowSid", "Identity", "CustomerFriendlyName", "ChatFriendlyName"})
  void rejects_a_create_without_a_required_parameter(String missing) {
    String flow = fixtures.studioFlow();
    RequestSpecification request = server.api();
    if (!missing.equals("FlexFlowSid")) {
      request.formParam("FlexFlowSid", flow);
    }
    for (String name : new String[] {"Identity", "CustomerFriendlyName", "ChatFriendlyName"}) {
      if (!name.equals(missing)) {
        request.formParam(name, "x");
      }
    }

    request
        .post("/v1/WebChannels")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString(missing));
  }

  @Test
  void rejects_a_flex_flow_sid_with_the_wrong_prefix() {
    fixtures
        .create("FW00000000000000000000000000000001", "bad-prefix")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("FlexFlowSid"));
  }

  @Test
  void rejects_pre_engagement_data_that_is_not_json() {
    fixtures
        .request(fixtures.studioFlow(), "bad-json")
        .formParam("PreEngagementData", "{friendlyName: Ann")
        .post("/v1/WebChannels")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745))
        .body("message", containsString("PreEngagementData"));
  }

  @Test
  void rejects_pre_engagement_data_over_16_kb() {
    String big = "{\"notes\":\"" + "x".repeat(16 * 1024) + "\"}";

    fixtures
        .request(fixtures.studioFlow(), "too-big")
        .formParam("PreEngagementData", big)
        .post("/v1/WebChannels")
        .then()
        .statusCode(400)
        .body("code", equalTo(45731));
  }

  @Test
  void accepts_pre_engagement_data_of_exactly_16_kb() {
    String json = "{\"notes\":\"" + "x".repeat(16 * 1024 - 12) + "\"}";

    fixtures
        .request(fixtures.studioFlow(), "just-fits")
        .formParam("PreEngagementData", json)
        .post("/v1/WebChannels")
        .then()
        .statusCode(201);
  }

  @Test
  void rejects_an_identity_over_256_characters() {
    fixtures
        .create(fixtures.studioFlow(), "i".repeat(257))
        .then()
        .statusCode(400)
        .body("message", containsString("Identity"));
  }

  @Test
  void answers_404_for_an_unknown_flex_flow() {
    fixtures
        .create(UNKNOWN_FLOW, "no-flow")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message",
            equalTo("The requested resource /FlexFlows/" + UNKNOWN_FLOW + " was not found"));
  }

  @Test
  void answers_404_for_another_accounts_flex_flow() {
    String flow = fixtures.studioFlow();

    subaccount("flow borrower")
        .get()
        .formParam("FlexFlowSid", flow)
        .formParam("Identity", "borrower")
        .formParam("CustomerFriendlyName", "B")
        .formParam("ChatFriendlyName", "B chat")
        .post("/v1/WebChannels")
        .then()
        .statusCode(404);
  }

  @Test
  void rejects_a_disabled_flex_flow() {
    String flow = fixtures.studioFlow();
    server.api().formParam("Enabled", "false").post("/v1/FlexFlows/" + flow).then().statusCode(200);

    fixtures
        .create(flow, "disabled")
        .then()
        .statusCode(400)
        .body("message", containsString("disabled"));
  }

  @Test
  void rejects_a_flex_flow_that_is_not_for_web() {
    String flow = fixtures.studioFlow();
    server
        .api()
        .formParam("ChannelType", "sms")
        .post("/v1/FlexFlows/" + flow)
        .then()
        .statusCode(200);

    fixtures
        .create(flow, "not-web")
        .then()
        .statusCode(400)
        .body("message", containsString("not web"));
  }

  @Test
  void rejects_a_taken_chat_unique_name_without_creating_the_user() {
    String flow = fixtures.studioFlow();
    fixtures
        .request(flow, "first")
        .formParam("ChatUniqueName", "taken")
        .post("/v1/WebChannels")
        .then()
        .statusCode(201);

    fixtures
        .request(flow, "second")
        .formParam("ChatUniqueName", "taken")
        .post("/v1/WebChannels")
        .then()
        .statusCode(409)
        .body("code", equalTo(50353));

    server.api().get("/v1/Users/second").then().statusCode(404);
  }

  @Test
  void answers_404_for_a_path_sid_that_is_not_a_channel_sid() {
    server
        .api()
        .get("/v1/WebChannels/FO00000000000000000000000000000001")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void answers_404_for_an_unknown_web_channel() {
    server
        .api()
        .get("/v1/WebChannels/CH00000000000000000000000000000009")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void hides_a_web_channel_from_other_accounts() {
    String sid = fixtures.channel("private-visitor");
    Supplier<RequestSpecification> other = subaccount("snoop");

    other.get().get("/v1/WebChannels/" + sid).then().statusCode(404);
    other
        .get()
        .formParam("ChatStatus", "inactive")
        .post("/v1/WebChannels/" + sid)
        .then()
        .statusCode(404);
    other.get().delete("/v1/WebChannels/" + sid).then().statusCode(404);

    server.api().get("/v1/WebChannels/" + sid).then().statusCode(200);
  }

  @Test
  void lists_only_the_accounts_own_web_channels() {
    fixtures.channel("listed-visitor");

    JsonPath page =
        subaccount("lister")
            .get()
            .get("/v1/WebChannels")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(page.getList("flex_chat_channels")).isEmpty();
  }

  @Test
  void rejects_a_chat_status_other_than_inactive() {
    String sid = fixtures.channel("status-visitor");

    server
        .api()
        .formParam("ChatStatus", "closed")
        .post("/v1/WebChannels/" + sid)
        .then()
        .statusCode(400)
        .body("message", containsString("ChatStatus"));
  }

  @Test
  void rejects_post_engagement_data_that_is_not_json() {
    String sid = fixtures.channel("post-visitor");

    server
        .api()
        .formParam("PostEngagementData", "five stars")
        .post("/v1/WebChannels/" + sid)
        .then()
        .statusCode(400)
        .body("code", equalTo(45745))
        .body("message", containsString("PostEngagementData"));
  }

  @Test
  void rejects_a_page_size_below_one() {
    server
        .api()
        .get("/v1/WebChannels?PageSize=0")
        .then()
        .statusCode(400)
        .body("message", containsString("PageSize"));
  }
}
