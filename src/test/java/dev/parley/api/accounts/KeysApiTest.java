package dev.parley.api.accounts;

import static dev.parley.api.accounts.AccountsApiTest.RFC_2822;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeysApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  static final String KEYS = "/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys";

  private static String create(String friendlyName) {
    return server
        .api()
        .formParam("FriendlyName", friendlyName)
        .post(KEYS + ".json")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void creates_a_key_and_shows_its_secret() {
    server
        .api()
        .formParam("FriendlyName", "deploy")
        .post(KEYS + ".json")
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^SK[0-9a-f]{32}$"))
        .body("friendly_name", equalTo("deploy"))
        .body("secret", matchesPattern("^[0-9a-f]{32}$"))
        .body("date_created", matchesPattern(RFC_2822))
        .body("date_updated", matchesPattern(RFC_2822));
  }

  @Test
  void never_shows_the_secret_after_creation() {
    String sid = create("once");

    server
        .api()
        .get(KEYS + "/" + sid + ".json")
        .then()
        .statusCode(200)
        .body("$", not(hasKey("secret")));
    server
        .api()
        .formParam("FriendlyName", "renamed")
        .post(KEYS + "/" + sid + ".json")
        .then()
        .statusCode(200)
        .body("$", not(hasKey("secret")));
    server.api().get(KEYS + ".json").then().statusCode(200).body("keys[0]", not(hasKey("secret")));
  }

  @Test
  void fetches_a_key() {
    String sid = create("fetched");

    server
        .api()
        .get(KEYS + "/" + sid + ".json")
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("friendly_name", equalTo("fetched"));
  }

  @Test
  void renames_a_key() {
    String sid = create("old name");

    server
        .api()
        .formParam("FriendlyName", "new name")
        .post(KEYS + "/" + sid + ".json")
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("new name"));
  }

  @Test
  void rejects_a_key_name_over_64_characters() {
    server
        .api()
        .formParam("FriendlyName", "k".repeat(65))
        .post(KEYS + ".json")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void deletes_a_key() {
    String sid = create("doomed");

    server.api().delete(KEYS + "/" + sid + ".json").then().statusCode(204);

    server
        .api()
        .get(KEYS + "/" + sid + ".json")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void answers_404_for_an_unknown_key() {
    String unknown = "SK" + "0".repeat(32);

    server
        .api()
        .get(KEYS + "/" + unknown + ".json")
        .then()
        .statusCode(404)
        .body(
            "message",
            equalTo("The requested resource " + KEYS + "/" + unknown + ".json was not found"));
    server.api().delete(KEYS + "/" + unknown + ".json").then().statusCode(404);
    server
        .api()
        .formParam("FriendlyName", "x")
        .post(KEYS + "/" + unknown + ".json")
        .then()
        .statusCode(404);
  }

  @Test
  void pages_through_every_key_by_next_page_uri() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create("paged " + i));
    }

    List<String> seen = new ArrayList<>();
    String uri = KEYS + ".json?PageSize=2";
    while (uri != null) {
      JsonPath page = server.api().get(uri).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("keys.sid"));
      uri = page.getString("next_page_uri");
    }

    assertThat(seen).containsSubsequence(created).doesNotHaveDuplicates();
  }

  @Test
  void walks_back_by_previous_page_uri() {
    for (int i = 0; i < 3; i++) {
      create("back " + i);
    }
    JsonPath first = server.api().get(KEYS + ".json?PageSize=1").then().extract().jsonPath();
    JsonPath second =
        server.api().get(first.getString("next_page_uri")).then().extract().jsonPath();

    JsonPath back =
        server
            .api()
            .get(second.getString("previous_page_uri"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(back.getList("keys.sid")).isEqualTo(first.getList("keys.sid"));
    assertThat(second.getInt("page")).isEqualTo(1);
    assertThat(second.getInt("start")).isEqualTo(1);
  }

  @Test
  void the_owner_manages_its_subaccounts_keys() {
    Credentials sub = Credentials.subaccount(server, "keys by owner");

    Credentials key = Credentials.MAIN.key(server, sub.user(), "made by owner");

    String created =
        key.on(server)
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("account_sid");
    assertThat(created).isEqualTo(sub.user());
  }

  @Test
  void a_subaccount_cannot_see_its_parents_keys() {
    String sid = create("parent's");
    Credentials sub = Credentials.subaccount(server, "key prober");

    sub.on(server).get(KEYS + ".json").then().statusCode(404);
    sub.on(server).get(KEYS + "/" + sid + ".json").then().statusCode(404);
    sub.on(server).delete(KEYS + "/" + sid + ".json").then().statusCode(404);
  }

  @Test
  void a_key_is_not_found_under_another_accounts_path() {
    Credentials sub = Credentials.subaccount(server, "other path");
    String mainKey = create("main's");

    server
        .api()
        .get("/2010-04-01/Accounts/" + sub.user() + "/Keys/" + mainKey + ".json")
        .then()
        .statusCode(404);
  }

  @Test
  void an_api_key_cannot_manage_keys() {
    Credentials key = Credentials.MAIN.key(server);

    key.on(server).get(KEYS + ".json").then().statusCode(401).body("code", equalTo(20003));
    key.on(server).post(KEYS + ".json").then().statusCode(401).body("code", equalTo(20003));
    key.on(server).delete(KEYS + "/" + key.user() + ".json").then().statusCode(401);
  }

  @Test
  void refuses_a_new_key_on_a_closed_subaccount() {
    Credentials sub = Credentials.subaccount(server, "closed, no keys");
    server
        .api()
        .formParam("Status", "closed")
        .post(AccountsApiTest.uri(sub))
        .then()
        .statusCode(200);

    server
        .api()
        .post("/2010-04-01/Accounts/" + sub.user() + "/Keys.json")
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
  }
}
