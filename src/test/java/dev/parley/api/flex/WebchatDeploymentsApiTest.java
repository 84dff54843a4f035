package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.DEPLOYMENTS;
import static dev.parley.api.flex.WebchatFixtures.ORIGIN;
import static dev.parley.api.flex.WebchatFixtures.defaultChatAddress;
import static dev.parley.api.flex.WebchatFixtures.deployment;
import static dev.parley.api.flex.WebchatFixtures.init;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /parley/v1/WebchatDeployments}: deployment keys managed with account credentials. */
class WebchatDeploymentsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void creates_a_deployment_with_a_key_origins_and_token_lifetime() {
    String address = defaultChatAddress(server);

    server
        .api()
        .formParam("FriendlyName", "Shop widget")
        .formParam("AddressSid", address)
        .formParam("AllowedOrigins", "HTTPS://Shop.Example.com:443")
        .formParam("AllowedOrigins", "http://localhost:3000")
        .formParam("TokenTtl", "7200")
        .post(DEPLOYMENTS)
        .then()
        .statusCode(201)
        .body("sid", matchesPattern("^DP[0-9a-f]{32}$"))
        .body("account_sid", equalTo(ParleyServer.ACCOUNT_SID))
        .body("friendly_name", equalTo("Shop widget"))
        .body("address_sid", equalTo(address))
        .body("deployment_key", matchesPattern("^[0-9a-f]{32}$"))
        .body("allowed_origins", contains("https://shop.example.com", "http://localhost:3000"))
        .body("token_ttl", equalTo(7200))
        .body(
            "url",
            matchesPattern(
                "^" + Pattern.quote(server.baseUrl() + DEPLOYMENTS) + "/DP[0-9a-f]{32}$"));
  }

  @Test
  void defaults_the_token_lifetime_to_one_hour() {
    JsonPath created = deployment(server);

    assertThat(created.getInt("token_ttl")).isEqualTo(3600);
  }

  @Test
  void fetches_and_lists_deployments_with_twilio_paging() {
    String sid = deployment(server).getString("sid");

    server.api().get(DEPLOYMENTS + "/" + sid).then().statusCode(200).body("sid", equalTo(sid));
    server
        .api()
        .get(DEPLOYMENTS + "?PageSize=1")
        .then()
        .statusCode(200)
        .body("webchat_deployments.size()", equalTo(1))
        .body("meta.key", equalTo("webchat_deployments"))
        .body("meta.page_size", equalTo(1))
        .body(
            "meta.first_page_url", equalTo(server.baseUrl() + DEPLOYMENTS + "?PageSize=1&Page=0"));
  }

  @Test
  void updates_name_origins_and_lifetime_and_keeps_the_key() {
    JsonPath created = deployment(server);

    server
        .api()
        .formParam("FriendlyName", "Renamed")
        .formParam("AllowedOrigins", "https://other.example.com")
        .formParam("TokenTtl", "600")
        .post(DEPLOYMENTS + "/" + created.getString("sid"))
        .then()
        .statusCode(200)
        .body("friendly_name", equalTo("Renamed"))
        .body("allowed_origins", contains("https://other.example.com"))
        .body("token_ttl", equalTo(600))
        .body("deployment_key", equalTo(created.getString("deployment_key")));
  }

  @Test
  void rotation_replaces_the_key_and_the_old_one_stops_working() {
    JsonPath created = deployment(server);
    String old = created.getString("deployment_key");

    String rotated =
        server
            .api()
            .formParam("RotateKey", "true")
            .post(DEPLOYMENTS + "/" + created.getString("sid"))
            .then()
            .statusCode(200)
            .body("deployment_key", not(equalTo(old)))
            .extract()
            .path("deployment_key");

    init(server, old).then().statusCode(401).body("code", equalTo(20003));
    init(server, rotated).then().statusCode(200);
  }

  @Test
  void deletes_a_deployment_and_its_key_stops_working() {
    JsonPath created = deployment(server);

    server.api().delete(DEPLOYMENTS + "/" + created.getString("sid")).then().statusCode(204);

    server.api().get(DEPLOYMENTS + "/" + created.getString("sid")).then().statusCode(404);
    init(server, created.getString("deployment_key")).then().statusCode(401);
  }

  @Test
  void refuses_an_origin_with_a_path() {
    server
        .api()
        .formParam("AddressSid", defaultChatAddress(server))
        .formParam("AllowedOrigins", ORIGIN + "/shop")
        .post(DEPLOYMENTS)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_more_than_ten_origins() {
    var request = server.api().formParam("AddressSid", defaultChatAddress(server));
    for (int i = 0; i < 11; i++) {
      request.formParam("AllowedOrigins", "https://site" + i + ".example.com");
    }

    request.post(DEPLOYMENTS).then().statusCode(400).body("code", equalTo(20001));
  }

  @Test
  void refuses_a_token_lifetime_over_24_hours() {
    server
        .api()
        .formParam("AddressSid", defaultChatAddress(server))
        .formParam("TokenTtl", "86401")
        .post(DEPLOYMENTS)
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void refuses_an_address_that_is_not_the_accounts() {
    server
        .api()
        .formParam("AddressSid", "IG00000000000000000000000000000000")
        .post(DEPLOYMENTS)
        .then()
        .statusCode(404)
        .body("code", equalTo(45765));
  }

  @Test
  void requires_account_credentials() {
    server.anonymous().get(DEPLOYMENTS).then().statusCode(401).body("code", equalTo(20003));
  }
}
