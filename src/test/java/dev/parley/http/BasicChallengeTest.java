package dev.parley.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio's REST APIs answer a refused Basic log-in with {@code WWW-Authenticate: Basic}; refusals
 * of anything else (an access token, a deployment key, the console's session) carry no challenge,
 * which would make a browser hold the request or prompt for a password.
 */
class BasicChallengeTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String CHALLENGE = "Basic realm=\"Twilio API\"";

  @Test
  void a_rest_request_without_credentials_is_challenged_for_basic_auth() {
    server
        .unchecked()
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", CHALLENGE)
        .body("code", equalTo(20003));
  }

  @Test
  void a_rest_request_with_a_wrong_password_is_challenged_for_basic_auth() {
    server
        .unchecked()
        .auth()
        .preemptive()
        .basic(ParleyServer.ACCOUNT_SID, "wrong")
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", CHALLENGE);
  }

  @Test
  void an_unknown_path_under_the_rest_api_is_challenged_without_credentials() {
    server
        .unchecked()
        .get("/v1/NoSuchThing")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", CHALLENGE);
  }

  @Test
  void a_refused_access_token_on_media_is_not_challenged() {
    String service = server.api().get("/v1/Services").then().extract().path("services[0].sid");

    server
        .unchecked()
        .header("X-Twilio-Token", "not.a.token")
        .get("/v1/Services/" + service + "/Media/ME" + "0".repeat(32))
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", nullValue())
        .body("code", equalTo(20101));
  }
}
