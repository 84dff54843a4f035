package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token is checked against the live key, account and user, not only at init: deleting the API key
 * that signed it, suspending or closing its account, or deleting its user ends the connection
 * within seconds, with a {@code close} 401 the SDK does not reconnect after.
 */
class RealtimeRevocationTest {
  private static final Duration SECONDS = Duration.ofSeconds(5);

  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void deleting_the_api_key_that_signed_a_token_ends_its_connections_only() {
    Tokens deleted = Tokens.of(server);
    Tokens kept = Tokens.of(server);
    try (TwilsockClient ann = connected(deleted, "ann-key");
        TwilsockClient bob = connected(kept, "bob-key")) {

      server
          .api()
          .delete(
              "/2010-04-01/Accounts/"
                  + ParleyServer.ACCOUNT_SID
                  + "/Keys/"
                  + deleted.keySid()
                  + ".json")
          .then()
          .statusCode(204);

      assertThat(closeStatus(ann).path("errorCode").intValue()).isEqualTo(20103);
      get(bob, "/Client/v2/Configuration");
      assertThat(bob.isClosed()).isFalse();
    }
  }

  @Test
  void suspending_an_account_ends_its_connections_with_20403() {
    JsonPath tenant = subaccount();
    Tokens tokens = Tokens.of(server, tenant.getString("sid"), tenant.getString("auth_token"));
    try (TwilsockClient ann = connected(tokens, "ann-suspended")) {

      setStatus(tenant.getString("sid"), "suspended");

      assertThat(closeStatus(ann).path("errorCode").intValue()).isEqualTo(20403);
    }
  }

  @Test
  void closing_an_account_ends_its_connections() {
    JsonPath tenant = subaccount();
    Tokens tokens = Tokens.of(server, tenant.getString("sid"), tenant.getString("auth_token"));
    try (TwilsockClient ann = connected(tokens, "ann-closed")) {

      setStatus(tenant.getString("sid"), "closed");

      assertThat(closeStatus(ann).path("errorCode").intValue()).isEqualTo(20103);
    }
  }

  @Test
  void deleting_a_user_ends_its_connections_with_20404() {
    Tokens tokens = Tokens.of(server);
    try (TwilsockClient gus = connected(tokens, "gus-deleted");
        TwilsockClient hal = connected(tokens, "hal-kept")) {
      get(gus, "/Client/v2/Configuration");

      server.api().delete("/v1/Users/gus-deleted").then().statusCode(204);

      assertThat(closeStatus(gus).path("errorCode").intValue()).isEqualTo(20404);
      get(hal, "/Client/v2/Configuration");
      assertThat(hal.isClosed()).isFalse();
    }
  }

  /** The status of the {@code close} frame the server sends, which must come within seconds. */
  static JsonNode closeStatus(TwilsockClient client) {
    TwilsockFrame close =
        await()
            .atMost(SECONDS)
            .until(
                () ->
                    client.frames().stream()
                        .filter(frame -> "close".equals(frame.method()))
                        .findFirst(),
                found -> found.isPresent())
            .orElseThrow();
    client.awaitClosed();
    JsonNode status = close.header().path("status");
    assertThat(status.path("code").intValue()).isEqualTo(401);
    return status;
  }

  private static JsonPath subaccount() {
    return server
        .api()
        .formParam("FriendlyName", "tenant")
        .post("/2010-04-01/Accounts.json")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static void setStatus(String account, String status) {
    server
        .api()
        .formParam("Status", status)
        .post("/2010-04-01/Accounts/" + account + ".json")
        .then()
        .statusCode(200);
  }

  private static TwilsockClient connected(Tokens tokens, String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    TwilsockFrame reply = client.init(tokens.token(identity));
    assertThat(reply.header().path("status").path("code").intValue()).isEqualTo(200);
    return client;
  }
}
