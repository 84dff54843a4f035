package dev.parley.api.accounts;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A user and password for HTTP Basic: an account and its token, or a key and its secret. */
record Credentials(String user, String password) {
  static final Credentials MAIN =
      new Credentials(ParleyServer.ACCOUNT_SID, ParleyServer.AUTH_TOKEN);

  RequestSpecification on(ParleyServer server) {
    return server.as(user, password);
  }

  /** Creates a sub-account of the main account and returns its credentials. */
  static Credentials subaccount(ParleyServer server, String friendlyName) {
    JsonPath created =
        MAIN.on(server)
            .formParam("FriendlyName", friendlyName)
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Credentials(created.getString("sid"), created.getString("auth_token"));
  }

  /** Creates an API key on {@code accountSid}, authenticating as this, and returns its secret. */
  Credentials key(ParleyServer server, String accountSid, String friendlyName) {
    JsonPath created =
        on(server)
            .formParam("FriendlyName", friendlyName)
            .post("/2010-04-01/Accounts/" + accountSid + "/Keys.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Credentials(created.getString("sid"), created.getString("secret"));
  }

  /** An API key of this account, created with this account's own token. */
  Credentials key(ParleyServer server) {
    return key(server, user, "key");
  }
}
