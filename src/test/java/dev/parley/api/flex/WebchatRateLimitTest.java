package dev.parley.api.flex;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.parley.app.Config;
import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Webchat endpoints' token buckets: per client IP and per deployment key, 429 beyond them. */
class WebchatRateLimitTest {
  @RegisterExtension
  static final ParleyServer perIp = new ParleyServer(new Config.WebchatLimits(2, 1_000));

  @RegisterExtension
  static final ParleyServer perKey = new ParleyServer(new Config.WebchatLimits(1_000, 2));

  /** A refresh with an unknown key: refused (401) after the limits are counted. */
  private static Response request(ParleyServer server, String key) {
    return server
        .unchecked()
        .formParam("DeploymentKey", key)
        .formParam("Token", "x")
        .post("/v2/Webchat/Tokens/Refresh");
  }

  @Test
  void answers_429_with_retry_after_beyond_the_per_ip_limit() {
    request(perIp, "key-a").then().statusCode(401);
    request(perIp, "key-b").then().statusCode(401);

    Response third = request(perIp, "key-c");

    third
        .then()
        .statusCode(429)
        .header("Retry-After", matchesPattern("^[1-9]\\d*$"))
        .body("code", equalTo(20429))
        .body("status", equalTo(429));
  }

  @Test
  void limits_each_deployment_key_on_its_own() {
    request(perKey, "key-a").then().statusCode(401);
    request(perKey, "key-a").then().statusCode(401);

    Response third = request(perKey, "key-a");
    Response otherKey = request(perKey, "key-b");

    third.then().statusCode(429).header("Retry-After", equalTo("30"));
    otherKey.then().statusCode(401);
  }

  @Test
  void reading_the_widget_look_leaves_the_keys_budget_for_starting_chats() {
    String key = WebchatFixtures.deploymentKey(perKey);

    for (int i = 0; i < 5; i++) {
      perKey
          .unchecked()
          .header("Origin", WebchatFixtures.ORIGIN)
          .formParam("DeploymentKey", key)
          .post(Webchat3Api.APPEARANCE)
          .then()
          .statusCode(200);
    }

    WebchatFixtures.init(perKey, key).then().statusCode(200);
  }
}
