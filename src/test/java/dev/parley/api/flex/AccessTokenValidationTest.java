package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.deploymentKey;
import static dev.parley.api.flex.WebchatFixtures.refresh;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way an access token is refused, with tokens minted by twilio-java's {@code AccessToken} and
 * {@code ChatGrant} as a customer's backend mints them, presented to the one public endpoint that
 * verifies tokens today: {@code /v2/Webchat/Tokens/Refresh}.
 */
class AccessTokenValidationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final String ACCOUNT = ParleyServer.ACCOUNT_SID;
  private static String service;
  private static String deployment;
  private static String keySid;
  private static String secret;

  @BeforeAll
  static void keyAndDeployment() {
    JsonPath key = createKey();
    keySid = key.getString("sid");
    secret = key.getString("secret");
    deployment = deploymentKey(server);
    // A token must name a service of its key's account, or it is refused (20106) before the rest.
    service =
        server.api().get("/v1/Configuration").then().extract().path("default_chat_service_sid");
  }

  private static JsonPath createKey() {
    return server
        .api()
        .formParam("FriendlyName", "backend")
        .post("/2010-04-01/Accounts/" + ACCOUNT + "/Keys.json")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static AccessToken.Builder token(String account, String key, String keySecret) {
    return new AccessToken.Builder(account, key, keySecret.getBytes(StandardCharsets.UTF_8))
        .identity("ann")
        .grant(new ChatGrant().setServiceSid(service));
  }

  private static AccessToken.Builder token() {
    return token(ACCOUNT, keySid, secret);
  }

  private static void refused(String jwt, int code, String message) {
    refresh(server, deployment, jwt)
        .then()
        .statusCode(401)
        .body("code", equalTo(code))
        .body("message", containsString(message));
  }

  @Test
  void a_valid_token_of_an_ordinary_key_passes_every_check_but_is_no_guest_token() {
    refused(token().ttl(3600).build().toJwt(), 20103, "only guest tokens");
  }

  @Test
  void refuses_text_that_is_not_a_jwt() {
    refused("not-a-token", 20101, "not a signed JWT");
  }

  @Test
  void refuses_a_token_with_a_character_outside_base64url_in_its_signature() {
    String jwt = token().ttl(3600).build().toJwt();
    int inSignature = jwt.lastIndexOf('.') + 5;
    String spelledOtherwise = jwt.substring(0, inSignature) + "\u00e9" + jwt.substring(inSignature);

    refused(spelledOtherwise, 20101, "not a signed JWT");
  }

  @Test
  void refuses_a_header_without_the_twilio_content_type() throws Exception {
    long now = Instant.now().getEpochSecond();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
            new JWTClaimsSet.Builder()
                .jwtID(keySid + "-" + now)
                .issuer(keySid)
                .subject(ACCOUNT)
                .expirationTime(new Date((now + 600) * 1000))
                .claim("grants", Map.of("identity", "ann", "chat", Map.of("service_sid", service)))
                .build());
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));

    refused(jwt.serialize(), 20102, "cty must be twilio-fpa;v=1");
  }

  @Test
  void refuses_an_unknown_key() {
    refused(
        token(ACCOUNT, "SK0000000000000000000000000000dead", secret).build().toJwt(),
        20103,
        "does not exist");
  }

  @Test
  void refuses_a_deleted_key() {
    JsonPath key = createKey();
    String jwt = token(ACCOUNT, key.getString("sid"), key.getString("secret")).build().toJwt();
    server
        .api()
        .delete("/2010-04-01/Accounts/" + ACCOUNT + "/Keys/" + key.getString("sid") + ".json")
        .then()
        .statusCode(204);

    refused(jwt, 20103, "does not exist");
  }

  @Test
  void refuses_a_key_presented_for_another_account() {
    refused(
        token("AC00000000000000000000000000000099", keySid, secret).build().toJwt(),
        20103,
        "does not belong to account");
  }

  @Test
  void refuses_a_wrong_signature() {
    refused(
        token(ACCOUNT, keySid, "0123456789abcdef0123456789abcdef").build().toJwt(),
        20107,
        "signature");
  }

  @Test
  void refuses_an_expired_token() {
    refused(token().ttl(-60).build().toJwt(), 20104, "expired at");
  }

  @Test
  void refuses_a_lifetime_over_24_hours() {
    refused(token().ttl(25 * 3600).build().toJwt(), 20104, "24 hours");
  }

  @Test
  void refuses_a_token_not_yet_valid() {
    Date inAnHour = Date.from(Instant.now().plusSeconds(3600));

    refused(token().nbf(inAnHour).ttl(7200).build().toJwt(), 20105, "not yet valid");
  }

  @Test
  void refuses_a_token_without_an_identity() {
    String jwt =
        new AccessToken.Builder(ACCOUNT, keySid, secret.getBytes(StandardCharsets.UTF_8))
            .grant(new ChatGrant().setServiceSid(service))
            .build()
            .toJwt();

    refused(jwt, 20106, "grants.identity");
  }

  @Test
  void refuses_a_token_without_a_chat_grant() {
    String jwt =
        new AccessToken.Builder(ACCOUNT, keySid, secret.getBytes(StandardCharsets.UTF_8))
            .identity("ann")
            .build()
            .toJwt();

    refused(jwt, 20106, "grants.chat.service_sid");
  }
}
