package dev.parley.api.accounts;

import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code SK…:secret} over HTTP Basic acts as the key's account, as on Twilio. */
class ApiKeyAuthenticationTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void a_key_acts_as_its_account_on_conversations() {
    Credentials key = Credentials.MAIN.key(server);

    key.on(server)
        .formParam("FriendlyName", "by key")
        .post("/v1/Conversations")
        .then()
        .statusCode(201)
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID));
  }

  @Test
  void a_key_sees_its_accounts_data() {
    String sid =
        server.api().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
    Credentials key = Credentials.MAIN.key(server);

    key.on(server).get("/v1/Conversations/" + sid).then().statusCode(200);
  }

  @Test
  void a_key_with_a_wrong_secret_is_refused() {
    Credentials key = Credentials.MAIN.key(server);

    server
        .as(key.user(), "wrong")
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void a_deleted_key_stops_working_at_once() {
    Credentials key = Credentials.MAIN.key(server);
    key.on(server).get("/v1/Conversations").then().statusCode(200);

    server
        .api()
        .delete(
            "/2010-04-01/Accounts/" + ParleyServer.ACCOUNT_SID + "/Keys/" + key.user() + ".json")
        .then()
        .statusCode(204);

    key.on(server)
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003))
        .body("message", equalTo("Authenticate"));
  }

  @Test
  void a_subaccounts_key_sees_only_the_subaccounts_data() {
    String parents =
        server.api().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
    Credentials sub = Credentials.subaccount(server, "keyed child");
    Credentials key = sub.key(server);

    key.on(server).get("/v1/Conversations/" + parents).then().statusCode(404);
  }

  @Test
  void an_unknown_key_is_refused() {
    server
        .as("SK" + "1".repeat(32), "whatever")
        .get("/v1/Conversations")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void a_key_keeps_working_after_a_restart() {
    Credentials key = Credentials.MAIN.key(server);

    server.restart();

    key.on(server).get("/v1/Conversations").then().statusCode(200);
  }
}
