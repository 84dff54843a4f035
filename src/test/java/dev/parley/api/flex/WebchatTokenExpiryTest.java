package dev.parley.api.flex;

import static dev.parley.api.flex.WebchatFixtures.deploymentKey;
import static dev.parley.api.flex.WebchatFixtures.refresh;
import static dev.parley.api.flex.WebchatFixtures.started;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A guest token past its lifetime cannot be renewed (its own server: the clock moves). */
class WebchatTokenExpiryTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  @Test
  void refresh_refuses_an_expired_guest_token() {
    String key = deploymentKey(server, "TokenTtl", "60");
    String token = started(server, key).getString("token");

    server.clock().advance(Duration.ofMinutes(2));

    refresh(server, key, token).then().statusCode(401).body("code", equalTo(20104));
  }
}
