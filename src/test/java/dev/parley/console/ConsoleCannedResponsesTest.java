package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.agent;
import static dev.parley.console.ConsoleFixtures.loggedIn;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.parley.console.ConsoleFixtures.LoggedIn;
import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Canned responses from the console: its agents read and manage their account's saved replies. */
class ConsoleCannedResponsesTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String REST = "/parley/v1/CannedResponses";
  private static final String CONSOLE = "/console/canned-responses";

  private static String saved(String shortCode, String body) {
    return server
        .api()
        .formParam("ShortCode", shortCode)
        .formParam("Body", body)
        .post(REST)
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void an_agent_lists_its_account_s_canned_responses() {
    LoggedIn ann = loggedIn(server, "ann", "Ann");
    String sid = saved("thanks", "Thanks for waiting!");

    ann.request(server)
        .get(CONSOLE)
        .then()
        .statusCode(200)
        .body("canned_responses.find { it.sid == '" + sid + "' }.short_code", equalTo("thanks"))
        .body(
            "canned_responses.find { it.sid == '" + sid + "' }.body",
            equalTo("Thanks for waiting!"));
  }

  @Test
  void an_agent_saves_changes_and_deletes_a_reply_for_the_whole_account() {
    LoggedIn bo = loggedIn(server, "bo", "Bo");

    String sid =
        bo.change(server)
            .formParam("ShortCode", "hours")
            .formParam("Body", "9 to 5")
            .post(CONSOLE)
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    bo.change(server)
        .formParam("Body", "9 to 6")
        .post(CONSOLE + "/" + sid)
        .then()
        .statusCode(200)
        .body("body", equalTo("9 to 6"));
    server.api().get(REST + "/hours").then().statusCode(200).body("body", equalTo("9 to 6"));

    bo.change(server).delete(CONSOLE + "/" + sid).then().statusCode(204);
    server.api().get(REST + "/" + sid).then().statusCode(404);
  }

  @Test
  void a_bad_short_code_from_the_console_is_400() {
    LoggedIn cy = loggedIn(server, "cy", "Cy");

    cy.change(server)
        .formParam("ShortCode", "two words")
        .formParam("Body", "text")
        .post(CONSOLE)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void deleting_without_the_csrf_token_is_403_and_keeps_it() {
    LoggedIn di = loggedIn(server, "di", "Di");
    String sid = saved("keep", "Keep me");

    di.request(server)
        .delete(CONSOLE + "/" + sid)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
    server.api().get(REST + "/" + sid).then().statusCode(200);
  }

  @Test
  void without_a_session_it_is_401() {
    server.unchecked().get(CONSOLE).then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void an_agent_of_another_account_neither_sees_nor_deletes_them() {
    String sid = saved("private", "Account A only");
    String b =
        server
            .api()
            .formParam("FriendlyName", "Other shop")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String token =
        server.api().get("/2010-04-01/Accounts/" + b + ".json").then().extract().path("auth_token");
    agent(server.as(b, token), "eve", "Eve of B");
    var login =
        ConsoleFixtures.login(
            server.unchecked().formParam("AccountSid", b), "eve", ConsoleFixtures.PASSWORD);
    LoggedIn eve =
        new LoggedIn(
            "eve", login.getCookie(ConsoleAuth.COOKIE), login.then().extract().path("csrf_token"));

    eve.request(server)
        .get(CONSOLE)
        .then()
        .statusCode(200)
        .body("canned_responses.sid", not(hasItem(sid)));
    eve.change(server).delete(CONSOLE + "/" + sid).then().statusCode(404);
    eve.change(server)
        .formParam("Body", "hijacked")
        .post(CONSOLE + "/" + sid)
        .then()
        .statusCode(404);
    server
        .api()
        .get(REST + "/" + sid)
        .then()
        .statusCode(200)
        .body("body", equalTo("Account A only"));
  }
}
