package dev.parley.api.accounts;

import static dev.parley.api.accounts.AccountsApiTest.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /2010-04-01/Accounts.json}: the caller's family, with the 2010 API's paging. */
class AccountListTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  static final String MAIN = ParleyServer.ACCOUNT_SID;

  @Test
  void a_subaccount_lists_only_itself() {
    Credentials sub = Credentials.subaccount(server, "Tenant G");

    JsonPath list =
        sub.on(server).get("/2010-04-01/Accounts.json").then().statusCode(200).extract().jsonPath();

    assertThat(list.getList("accounts.sid")).containsExactly(sub.user());
  }

  @Test
  void lists_with_the_2010_paging_fields_and_relative_uris() {
    Credentials sub = Credentials.subaccount(server, "Listed Tenant");

    server
        .api()
        .queryParam("FriendlyName", "Listed Tenant")
        .get("/2010-04-01/Accounts.json")
        .then()
        .statusCode(200)
        .body("accounts.sid", equalTo(List.of(sub.user())))
        .body(
            "first_page_uri",
            equalTo("/2010-04-01/Accounts.json?FriendlyName=Listed+Tenant&PageSize=50&Page=0"))
        .body(
            "uri",
            equalTo("/2010-04-01/Accounts.json?FriendlyName=Listed+Tenant&PageSize=50&Page=0"))
        .body("next_page_uri", equalTo(null))
        .body("previous_page_uri", equalTo(null))
        .body("page", equalTo(0))
        .body("page_size", equalTo(50))
        .body("start", equalTo(0))
        .body("end", equalTo(0));
  }

  @Test
  void filters_the_list_by_status() {
    Credentials sub = Credentials.subaccount(server, "Suspended Tenant");
    server.api().formParam("Status", "suspended").post(uri(sub)).then().statusCode(200);

    JsonPath list =
        server
            .api()
            .queryParam("Status", "suspended")
            .get("/2010-04-01/Accounts.json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(list.getList("accounts.sid")).contains(sub.user()).doesNotContain(MAIN);
    assertThat(list.getList("accounts.status", String.class)).containsOnly("suspended");
  }

  @Test
  void rejects_an_unknown_status_filter() {
    server
        .api()
        .queryParam("Status", "deleted")
        .get("/2010-04-01/Accounts.json")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void pages_through_the_family_by_next_page_uri() {
    for (int i = 0; i < 4; i++) {
      Credentials.subaccount(server, "Paged");
    }

    List<String> seen = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    String uri = "/2010-04-01/Accounts.json?FriendlyName=Paged&PageSize=3";
    while (uri != null) {
      JsonPath page = server.api().get(uri).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("accounts.sid"));
      starts.add(page.getInt("start"));
      uri = page.getString("next_page_uri");
    }

    assertThat(seen).hasSize(4).doesNotHaveDuplicates();
    assertThat(starts).containsExactly(0, 3);
  }

  @Test
  void lists_the_main_account_first_then_its_subaccounts() {
    Credentials sub = Credentials.subaccount(server, "Ordered");

    JsonPath list =
        server
            .api()
            .queryParam("PageSize", 1000)
            .get("/2010-04-01/Accounts.json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    List<String> sids = list.getList("accounts.sid");
    assertThat(sids.get(0)).isEqualTo(MAIN);
    assertThat(sids).contains(sub.user());
  }
}
