package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.ORIGIN;
import static dev.parley.api.flex.WebchatFixtures.deploymentKey;
import static dev.parley.api.flex.WebchatFixtures.init;
import static dev.parley.api.flex.WebchatFixtures.refresh;
import static dev.parley.api.flex.WebchatFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.nimbusds.jwt.SignedJWT;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v2/Webchat/Init} and {@code /Tokens/Refresh} as the Webchat 3 client calls them. */
class WebchatInitTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String ISO_SECONDS = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$";

  @Test
  void answers_a_token_the_conversation_the_identity_and_the_expiration() {
    String key = deploymentKey(server);

    init(server, key)
        .then()
        .statusCode(200)
        .body("$", aMapWithSize(4))
        .body("token", matchesPattern("^[\\w-]+\\.[\\w-]+\\.[\\w-]+$"))
        .body("conversation_sid", matchesPattern("^CH[0-9a-f]{32}$"))
        .body("identity", matchesPattern("^[0-9a-f-]{36}$"))
        .body("expiration", matchesPattern(ISO_SECONDS));
  }

  @Test
  void creates_the_conversation_user_and_participant() {
    String key = deploymentKey(server);

    JsonPath chat = started(server, key);

    String conversation = chat.getString("conversation_sid");
    String identity = chat.getString("identity");
    server
        .api()
        .get("/v1/Conversations/" + conversation)
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Shop widget"));
    server
        .api()
        .get("/v1/Users/" + identity)
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Ann"));
    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Participants")
        .then()
        .statusCode(200)
        .body("participants.size()", equalTo(1))
        .body("participants[0].identity", equalTo(identity));
  }

  @Test
  void the_token_names_the_identity_and_the_conversations_service_for_the_deployments_lifetime()
      throws Exception {
    String key = deploymentKey(server, "TokenTtl", "600");

    JsonPath chat = started(server, key);

    var claims = SignedJWT.parse(chat.getString("token")).getJWTClaimsSet();
    Map<String, Object> grants = claims.getJSONObjectClaim("grants");
    String service =
        server
            .api()
            .get("/v1/Conversations/" + chat.getString("conversation_sid"))
            .then()
            .extract()
            .path("chat_service_sid");
    assertThat(grants.get("identity")).isEqualTo(chat.getString("identity"));
    assertThat(grants.get("chat")).isEqualTo(Map.of("service_sid", service));
    assertThat(claims.getSubject()).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
        .isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
    assertThat(Instant.parse(chat.getString("expiration")))
        .isEqualTo(claims.getExpirationTime().toInstant());
  }

  @Test
  void a_returning_visitor_with_its_identity_keeps_its_user() {
    String key = deploymentKey(server);
    String identity = started(server, key).getString("identity");
    String user = server.api().get("/v1/Users/" + identity).then().extract().path("sid");

    JsonPath again = started(server, key, "Identity", identity, "CustomerFriendlyName", "Ann B");

    assertThat(again.getString("identity")).isEqualTo(identity);
    server
        .api()
        .get("/v1/Users/" + identity)
        .then()
        .body("sid", equalTo(user))
        .body("friendly_name", equalTo("Ann B"));
  }

  @Test
  void refuses_an_identity_that_no_visitor_was_given() {
    String key = deploymentKey(server);
    server.api().formParam("Identity", "agent-alice").post("/v1/Users").then().statusCode(201);

    init(server, key, "Identity", "agent-alice")
        .then()
        .statusCode(400)
        .body("code", equalTo(45745));
  }

  @Test
  void needs_no_account_credentials_and_grants_cors_to_the_allowed_origin() {
    String key = deploymentKey(server);

    init(server, key)
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ORIGIN)
        .header("Vary", "Origin");
  }

  @Test
  void refuses_a_disallowed_origin_without_a_cors_grant() {
    String key = deploymentKey(server);

    server
        .unchecked()
        .header("Origin", "https://evil.example.net")
        .formParam("DeploymentKey", key)
        .post("/v2/Webchat/Init")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void refuses_an_unknown_deployment_key_without_a_cors_grant() {
    init(server, "0123456789abcdef0123456789abcdef")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void an_unknown_deployment_key_gets_no_basic_challenge_that_would_stall_the_browser() {
    init(server, "0123456789abcdef0123456789abcdef")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", nullValue());
    server
        .unchecked()
        .header("Origin", ORIGIN)
        .formParams(Map.of("DeploymentKey", "0123456789abcdef0123456789abcdef", "Token", "x"))
        .post("/parley/v1/Webchat/Conversations/CH00000000000000000000000000000000/Close")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", nullValue());
  }

  @Test
  void answers_the_preflight_for_the_webchat_headers() {
    server
        .unchecked()
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-twilio-sec-webchatinfo")
        .options("/v2/Webchat/Init")
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", ORIGIN)
        .header("Access-Control-Allow-Methods", "POST, OPTIONS");
  }

  @Test
  void keeps_the_open_cors_grant_of_the_twilio_apis() {
    server
        .api()
        .header("Origin", "https://evil.example.net")
        .get("/v1/Conversations")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", "*");
  }

  @Test
  void refresh_renews_a_guest_token_for_the_same_identity() throws Exception {
    String key = deploymentKey(server);
    JsonPath chat = started(server, key);

    JsonPath renewed =
        refresh(server, key, chat.getString("token"))
            .then()
            .statusCode(200)
            .body("$", aMapWithSize(3))
            .body("identity", equalTo(chat.getString("identity")))
            .body("expiration", matchesPattern(ISO_SECONDS))
            .extract()
            .jsonPath();

    Map<String, Object> grants =
        SignedJWT.parse(renewed.getString("token")).getJWTClaimsSet().getJSONObjectClaim("grants");
    assertThat(grants.get("identity")).isEqualTo(chat.getString("identity"));
  }

  @Test
  void refresh_accepts_the_lower_case_token_the_published_client_sends() {
    String key = deploymentKey(server);
    String token = started(server, key).getString("token");

    server
        .unchecked()
        .header("Origin", ORIGIN)
        .formParam("DeploymentKey", key)
        .formParam("token", token)
        .post("/v2/Webchat/Tokens/Refresh")
        .then()
        .statusCode(200);
  }

  @Test
  void refresh_refuses_a_guest_token_of_another_account() {
    String theirs = startedInSubaccount();
    String key = deploymentKey(server);

    refresh(server, key, theirs).then().statusCode(401).body("code", equalTo(20103));
  }

  /** A guest token of a web chat in a new sub-account, through that account's own deployment. */
  private static String startedInSubaccount() {
    JsonPath account =
        server
            .api()
            .formParam("FriendlyName", "tenant")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    var tenant = server.as(account.getString("sid"), account.getString("auth_token"));
    String address =
        tenant
            .formParam("Type", "chat")
            .formParam("Address", "tenant-chat")
            .formParam("AutoCreation.Enabled", "true")
            .formParam("AutoCreation.Type", "default")
            .post("/v1/Configuration/Addresses")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String key =
        server
            .as(account.getString("sid"), account.getString("auth_token"))
            .formParam("AddressSid", address)
            .formParam("AllowedOrigins", ORIGIN)
            .post(WebchatFixtures.DEPLOYMENTS)
            .then()
            .statusCode(201)
            .extract()
            .path("deployment_key");
    return started(server, key).getString("token");
  }
}
