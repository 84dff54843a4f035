package dev.parley.api.accounts;

import static dev.parley.api.accounts.AccountsApiTest.uri;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountStatusTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static void setStatus(Credentials account, String status) {
    server
        .api()
        .formParam("Status", status)
        .post(uri(account))
        .then()
        .statusCode(200)
        .body("status", equalTo(status));
  }

  @Test
  void a_suspended_subaccount_is_refused_with_20403() {
    Credentials sub = Credentials.subaccount(server, "to suspend");
    sub.on(server).get("/v1/Conversations").then().statusCode(200);

    setStatus(sub, "suspended");

    sub.on(server)
        .get("/v1/Conversations")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body("message", equalTo("Forbidden: account " + sub.user() + " is suspended"));
  }

  @Test
  void a_suspended_subaccount_with_a_wrong_token_gets_only_401() {
    Credentials sub = Credentials.subaccount(server, "suspended, wrong token");
    setStatus(sub, "suspended");

    server.as(sub.user(), "wrong").get("/v1/Conversations").then().statusCode(401);
  }

  @Test
  void the_keys_of_a_suspended_subaccount_stop_working() {
    Credentials sub = Credentials.subaccount(server, "suspended keys");
    Credentials key = sub.key(server);
    key.on(server).get("/v1/Conversations").then().statusCode(200);

    setStatus(sub, "suspended");

    key.on(server).get("/v1/Conversations").then().statusCode(403).body("code", equalTo(20403));
  }

  @Test
  void a_reactivated_subaccount_authenticates_again() {
    Credentials sub = Credentials.subaccount(server, "to reactivate");
    setStatus(sub, "suspended");

    setStatus(sub, "active");

    sub.on(server).get("/v1/Conversations").then().statusCode(200);
  }

  @Test
  void a_closed_subaccount_no_longer_authenticates() {
    Credentials sub = Credentials.subaccount(server, "to close");
    sub.on(server).get("/v1/Conversations").then().statusCode(200);

    setStatus(sub, "closed");

    sub.on(server).get("/v1/Conversations").then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void the_keys_of_a_closed_subaccount_no_longer_authenticate() {
    Credentials sub = Credentials.subaccount(server, "closed keys");
    Credentials key = sub.key(server);

    setStatus(sub, "closed");

    key.on(server).get("/v1/Conversations").then().statusCode(401).body("code", equalTo(20003));
  }

  @Test
  void a_closed_subaccount_cannot_be_reopened() {
    Credentials sub = Credentials.subaccount(server, "closed for good");
    setStatus(sub, "closed");

    server
        .api()
        .formParam("Status", "active")
        .post(uri(sub))
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body(
            "message",
            equalTo("Forbidden: account " + sub.user() + " is closed and cannot be changed"));
  }

  @Test
  void closing_a_closed_subaccount_again_changes_nothing() {
    Credentials sub = Credentials.subaccount(server, "closed twice");
    setStatus(sub, "closed");

    setStatus(sub, "closed");
  }

  @Test
  void a_closed_subaccount_is_still_listed_and_fetched_by_its_owner() {
    Credentials sub = Credentials.subaccount(server, "closed but listed");
    setStatus(sub, "closed");

    server.api().get(uri(sub)).then().statusCode(200).body("status", equalTo("closed"));
  }

  @Test
  void refuses_to_change_the_status_of_the_main_account() {
    server
        .api()
        .formParam("Status", "suspended")
        .post("/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + ".json")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body("message", equalTo("Forbidden: the status of a main account cannot be changed"));
  }

  @Test
  void a_subaccount_cannot_change_its_own_status() {
    Credentials sub = Credentials.subaccount(server, "self suspend");

    sub.on(server)
        .formParam("Status", "suspended")
        .post(uri(sub))
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }

  @Test
  void a_subaccount_can_rename_itself() {
    Credentials sub = Credentials.subaccount(server, "self rename");

    sub.on(server)
        .formParam("FriendlyName", "renamed by itself")
        .post(uri(sub))
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("renamed by itself"));
  }
}
