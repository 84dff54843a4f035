package dev.parley.console;

import static dev.parley.console.ConsoleFixtures.PASSWORD;
import static dev.parley.console.ConsoleFixtures.agent;
import static dev.parley.console.ConsoleFixtures.from;
import static dev.parley.console.ConsoleFixtures.login;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.agents.LoginThrottle;
import dev.parley.testing.ParleyServer;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two accounts, each with an agent "alice": a log-in names its account, and one account's alice
 * never hinders the other's. Each test sends from its own loopback address.
 */
class ConsoleLoginAccountsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static final String A = ParleyServer.ACCOUNT_SID;
  private static String b;

  @BeforeAll
  static void twoAccountsWithAnAlice() {
    b =
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
    agent(server, "alice", "Alice of A");
    agent(server.as(b, token), "alice", "Alice of B");
  }

  @Test
  void each_alice_logs_in_to_her_own_account() {
    login(in(A, "127.0.0.31"), "alice", PASSWORD)
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(A))
        .body("agent.friendly_name", equalTo("Alice of A"));
    login(in(b, "127.0.0.31"), "alice", PASSWORD)
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(b))
        .body("agent.friendly_name", equalTo("Alice of B"));
  }

  @Test
  void failures_against_one_accounts_alice_never_delay_the_others() {
    for (int i = 0; i < LoginThrottle.FREE_PER_LOGIN; i++) {
      login(in(A, "127.0.0.32"), "alice", "wrong password " + i).then().statusCode(401);
    }
    login(in(A, "127.0.0.32"), "alice", PASSWORD).then().statusCode(429);

    login(in(b, "127.0.0.32"), "alice", PASSWORD)
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(b));
  }

  @Test
  void an_identity_of_several_accounts_without_the_account_gets_the_wrong_password_answer() {
    login(from(server, "127.0.0.33"), "alice", PASSWORD)
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("message", equalTo("Authenticate: the identity or the password is wrong"));
  }

  @Test
  void refuses_a_malformed_account_sid_with_400() {
    login(from(server, "127.0.0.34").formParam("AccountSid", "shop-b"), "alice", PASSWORD)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  private static RequestSpecification in(String account, String address) {
    return from(server, address).formParam("AccountSid", account);
  }
}
