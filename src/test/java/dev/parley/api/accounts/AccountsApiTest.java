package dev.parley.api.accounts;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  static final String MAIN = ParleyServer.ACCOUNT_SID;
  static final String RFC_2822 =
      "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000$";

  @Test
  void fetches_the_main_account_with_every_field() {
    server
        .api()
        .get("/2010-04-01/Accounts/" + MAIN + ".json")
        .then()
        .statusCode(200)
        .body("sid", equalTo(MAIN))
        .body("owner_account_sid", equalTo(MAIN))
        .body("auth_token", equalTo(ParleyServer.AUTH_TOKEN))
        .body("friendly_name", equalTo("Parley"))
        .body("status", equalTo("active"))
        .body("type", equalTo("Full"))
        .body("uri", equalTo("/2010-04-01/Accounts/" + MAIN + ".json"))
        .body("subresource_uris.keys", equalTo("/2010-04-01/Accounts/" + MAIN + "/Keys.json"))
        .body("subresource_uris.size()", equalTo(20))
        .body("date_created", matchesPattern(RFC_2822))
        .body("date_updated", matchesPattern(RFC_2822));
  }

  @Test
  void creates_a_subaccount_with_its_own_generated_token() {
    server
        .api()
        .formParam("FriendlyName", "Tenant A")
        .post("/2010-04-01/Accounts.json")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^AC[0-9a-f]{32}$"))
        .body("owner_account_sid", equalTo(MAIN))
        .body("friendly_name", equalTo("Tenant A"))
        .body("status", equalTo("active"))
        .body("auth_token", matchesPattern("^[0-9a-f]{32}$"))
        .body("auth_token", not(equalTo(ParleyServer.AUTH_TOKEN)))
        .body("date_created", matchesPattern(RFC_2822));
  }

  @Test
  void names_a_subaccount_after_its_creation_time_by_default() {
    server
        .api()
        .post("/2010-04-01/Accounts.json")
        .then()
        .statusCode(201)
        .body(
            "friendly_name",
            matchesPattern("^SubAccount Created at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d (am|pm)$"));
  }

  @Test
  void a_new_subaccount_authenticates_with_its_own_token() {
    Credentials sub = Credentials.subaccount(server, "Tenant B");

    sub.on(server).get("/v1/Conversations").then().statusCode(200);
  }

  @Test
  void fetches_its_own_subaccount_with_the_subaccounts_token() {
    Credentials sub = Credentials.subaccount(server, "Tenant C");

    server
        .api()
        .get("/2010-04-01/Accounts/" + sub.user() + ".json")
        .then()
        .statusCode(200)
        .body("auth_token", equalTo(sub.password()))
        .body("owner_account_sid", equalTo(MAIN));
  }

  @Test
  void a_subaccount_fetches_itself() {
    Credentials sub = Credentials.subaccount(server, "Tenant D");

    sub.on(server)
        .get("/2010-04-01/Accounts/" + sub.user() + ".json")
        .then()
        .statusCode(200)
        .body("sid", equalTo(sub.user()));
  }

  @Test
  void rejects_a_friendly_name_over_64_characters() {
    server
        .api()
        .formParam("FriendlyName", "x".repeat(65))
        .post("/2010-04-01/Accounts.json")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("Invalid parameter FriendlyName: must be at most 64 characters"));
  }

  @Test
  void refuses_subaccount_creation_by_a_subaccount() {
    Credentials sub = Credentials.subaccount(server, "Tenant E");

    sub.on(server)
        .post("/2010-04-01/Accounts.json")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body(
            "message",
            equalTo(
                "Forbidden: a subaccount cannot create subaccounts; use the main account's"
                    + " credentials"));
  }

  @Test
  void refuses_subaccount_creation_with_an_api_key() {
    Credentials key = Credentials.MAIN.key(server);

    key.on(server)
        .post("/2010-04-01/Accounts.json")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("message", matchesPattern("^Authenticate: API keys cannot use the Accounts.*"));
  }

  @Test
  void refuses_to_fetch_an_account_with_an_api_key() {
    Credentials key = Credentials.MAIN.key(server);

    key.on(server)
        .get("/2010-04-01/Accounts/" + MAIN + ".json")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void answers_404_for_an_unknown_account() {
    String unknown = "AC" + "f".repeat(32);

    server
        .api()
        .get("/2010-04-01/Accounts/" + unknown + ".json")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message",
            equalTo(
                "The requested resource /2010-04-01/Accounts/" + unknown + ".json was not found"));
  }

  @Test
  void hides_the_parent_account_from_a_subaccount() {
    Credentials sub = Credentials.subaccount(server, "Tenant F");

    sub.on(server)
        .get("/2010-04-01/Accounts/" + MAIN + ".json")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void hides_a_sibling_subaccount() {
    Credentials one = Credentials.subaccount(server, "Sibling 1");
    Credentials two = Credentials.subaccount(server, "Sibling 2");

    one.on(server).get("/2010-04-01/Accounts/" + two.user() + ".json").then().statusCode(404);
  }

  @Test
  void renames_an_account() {
    Credentials sub = Credentials.subaccount(server, "Before");

    server
        .api()
        .formParam("FriendlyName", "After")
        .post(uri(sub))
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("After"))
        .body("status", equalTo("active"));
  }

  @Test
  void rejects_an_unknown_status() {
    Credentials sub = Credentials.subaccount(server, "Status typo");

    server
        .api()
        .formParam("Status", "paused")
        .post(uri(sub))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void answers_404_when_updating_an_account_outside_the_family() {
    Credentials one = Credentials.subaccount(server, "Outsider 1");
    Credentials two = Credentials.subaccount(server, "Outsider 2");

    one.on(server).formParam("FriendlyName", "mine now").post(uri(two)).then().statusCode(404);
  }

  static String uri(Credentials account) {
    return "/2010-04-01/Accounts/" + account.user() + ".json";
  }
}
