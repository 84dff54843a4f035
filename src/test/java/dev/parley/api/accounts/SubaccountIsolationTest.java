package dev.parley.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each account's Conversations data is invisible to every other account: 404, never 403. */
class SubaccountIsolationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static String conversation(Credentials owner) {
    return owner
        .on(server)
        .formParam("FriendlyName", "private")
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  @Test
  void a_subaccount_cannot_see_its_parents_conversation() {
    String parents = conversation(Credentials.MAIN);
    Credentials sub = Credentials.subaccount(server, "child");

    sub.on(server)
        .get("/v1/Conversations/" + parents)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void a_parent_cannot_see_its_subaccounts_conversation() {
    Credentials sub = Credentials.subaccount(server, "child with data");
    String childs = conversation(sub);

    server.api().get("/v1/Conversations/" + childs).then().statusCode(404);
  }

  @Test
  void a_subaccount_lists_only_its_own_conversations() {
    conversation(Credentials.MAIN);
    Credentials sub = Credentials.subaccount(server, "lister");
    String own = conversation(sub);

    List<String> listed =
        sub.on(server)
            .get("/v1/Conversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("conversations.sid");

    assertThat(listed).containsExactly(own);
  }

  @Test
  void a_subaccount_gets_its_own_default_service() {
    Credentials sub = Credentials.subaccount(server, "own service");

    String subService =
        sub.on(server)
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("chat_service_sid");
    String mainService =
        server
            .api()
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("chat_service_sid");

    assertThat(subService).startsWith("IS").isNotEqualTo(mainService);
  }

  @Test
  void a_subaccount_cannot_reach_its_parents_service_by_path() {
    String mainService =
        server
            .api()
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("chat_service_sid");
    Credentials sub = Credentials.subaccount(server, "service prober");

    sub.on(server)
        .get("/v1/Services/" + mainService + "/Conversations")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void a_sibling_cannot_delete_another_siblings_conversation() {
    Credentials one = Credentials.subaccount(server, "sibling one");
    Credentials two = Credentials.subaccount(server, "sibling two");
    String ones = conversation(one);

    two.on(server).delete("/v1/Conversations/" + ones).then().statusCode(404);

    one.on(server).get("/v1/Conversations/" + ones).then().statusCode(200);
  }
}
