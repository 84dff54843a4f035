package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.PASSWORD;
import static dev.parley.console.ConsoleFixtures.agent;
import static dev.parley.console.ConsoleFixtures.loggedIn;
import static dev.parley.console.ConsoleFixtures.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Console log-in: the session cookie, CSRF protection, expiry and log-out, through the wire. */
class ConsoleLoginTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void logs_in_with_an_http_only_same_site_strict_session_cookie() {
    agent(server, "ann", "Ann Agent");

    Response response = login(server, "ann", PASSWORD);

    response
        .then()
        .statusCode(200)
        .body("agent.identity", equalTo("ann"))
        .body("agent.friendly_name", equalTo("Ann Agent"))
        .body("csrf_token", matchesPattern("^[0-9a-f]{64}$"));
    assertThat(response.getDetailedCookie(ConsoleAuth.COOKIE).isHttpOnly()).isTrue();
    assertThat(response.getDetailedCookie(ConsoleAuth.COOKIE).getSameSite()).isEqualTo("Strict");
    assertThat(response.getDetailedCookie(ConsoleAuth.COOKIE).getPath()).isEqualTo("/console");
  }

  @Test
  void refuses_a_wrong_password_with_401_and_no_cookie() {
    agent(server, "ben", "Ben");

    Response response = login(server, "ben", "not the password");

    response
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("message", equalTo("Authenticate: the identity or the password is wrong"))
        .header("WWW-Authenticate", nullValue());
    assertThat(response.getCookie(ConsoleAuth.COOKIE)).isNull();
  }

  @Test
  void refuses_an_unknown_identity_with_the_same_401() {
    login(server, "nobody", PASSWORD)
        .then()
        .statusCode(401)
        .body("message", equalTo("Authenticate: the identity or the password is wrong"));
  }

  @Test
  void answers_the_session_of_a_logged_in_agent() {
    LoggedIn cleo = loggedIn(server, "cleo", "Cleo");

    cleo.request(server)
        .get("/console/session")
        .then()
        .statusCode(200)
        .body("agent.identity", equalTo("cleo"))
        .body("csrf_token", equalTo(cleo.csrf()));
  }

  @Test
  void refuses_a_request_without_a_session_cookie_with_401() {
    server.unchecked().get("/console/chats").then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void refuses_a_change_without_the_csrf_token_with_403() {
    LoggedIn dan = loggedIn(server, "dan", "Dan");

    dan.request(server)
        .post("/console/token")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body("status", equalTo(403));
  }

  @Test
  void refuses_a_change_with_a_wrong_csrf_token_with_403() {
    LoggedIn eve = loggedIn(server, "eve", "Eve");

    eve.request(server)
        .header(ConsoleAuth.CSRF_HEADER, "0".repeat(64))
        .post("/console/token")
        .then()
        .statusCode(403);
  }

  @Test
  void refuses_a_change_from_another_origin_with_403() {
    LoggedIn finn = loggedIn(server, "finn", "Finn");

    finn.change(server)
        .header("Origin", "https://evil.example")
        .post("/console/token")
        .then()
        .statusCode(403)
        .body(
            "message",
            equalTo("Forbidden: origin https://evil.example may not change console state"));
  }

  @Test
  void mints_an_access_token_for_the_agents_identity() {
    LoggedIn gus = loggedIn(server, "gus", "Gus");

    gus.change(server)
        .post("/console/token")
        .then()
        .statusCode(200)
        .body("identity", equalTo("gus"))
        .body("service_sid", matchesPattern("^IS[0-9a-f]{32}$"))
        .body("token", matchesPattern("^[\\w-]+\\.[\\w-]+\\.[\\w-]+$"));
  }

  @Test
  void signs_agent_tokens_with_an_internal_key_of_the_account_not_the_guest_key() {
    LoggedIn lou = loggedIn(server, "lou", "Lou");

    lou.change(server).post("/console/token").then().statusCode(200);

    server
        .api()
        .get("/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys.json")
        .then()
        .statusCode(200)
        .body("keys.friendly_name", hasItem("Parley console agent tokens (internal)"));
  }

  @Test
  void logout_ends_the_session() {
    LoggedIn hal = loggedIn(server, "hal", "Hal");

    hal.change(server).post("/console/logout").then().statusCode(204);

    hal.request(server).get("/console/session").then().statusCode(401);
  }

  @Test
  void a_new_password_ends_the_agents_sessions() {
    LoggedIn ida = loggedIn(server, "ida", "Ida");

    server
        .api()
        .formParam("Password", "another long password")
        .post(ConsoleFixtures.AGENTS + "/ida")
        .then()
        .statusCode(200);

    ida.request(server).get("/console/session").then().statusCode(401);
  }

  @Test
  void a_session_expires_after_twelve_hours() {
    LoggedIn jo = loggedIn(server, "jo", "Jo");

    server.clock().advance(Duration.ofHours(12).plusSeconds(1));

    jo.request(server)
        .get("/console/session")
        .then()
        .statusCode(401)
        .body("message", equalTo("Authenticate: no console session, or it has expired"));
  }
}
