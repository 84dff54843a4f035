package dev.parley.http;

import dev.parley.app.Config;
import dev.parley.testing.ParleyServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --trusted-proxies}: the client a per-client limit counts is the TCP peer, or, behind a
 * trusted proxy, the last address in {@code X-Forwarded-For} that is not a trusted proxy. Counted
 * here through the Webchat per-IP limit of two requests (the test's own connection is the peer,
 * 127.0.0.1, and each test uses client addresses of its own).
 */
class TrustedProxiesTest {
  @RegisterExtension
  static final ParleyServer behindProxy =
      new ParleyServer(new Config.WebchatLimits(2, 1_000))
          .withTrustedProxies("127.0.0.1/32,::1/128,10.0.0.0/8");

  @RegisterExtension
  static final ParleyServer direct = new ParleyServer(new Config.WebchatLimits(2, 1_000));

  /** A refresh with an unknown key: 401 once the limits are counted, 429 beyond them. */
  private static Response from(ParleyServer server, String forwardedFor) {
    return server
        .unchecked()
        .header("X-Forwarded-For", forwardedFor)
        .formParam("DeploymentKey", "no-such-key")
        .formParam("Token", "x")
        .post("/v2/Webchat/Tokens/Refresh");
  }

  @Test
  void behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
    from(behindProxy, "198.51.100.1").then().statusCode(401);
    from(behindProxy, "198.51.100.1").then().statusCode(401);

    from(behindProxy, "198.51.100.1").then().statusCode(429);
    from(behindProxy, "198.51.100.2").then().statusCode(401);
  }

  @Test
  void a_client_cannot_choose_its_address_by_writing_the_left_of_the_header() {
    from(behindProxy, "1.1.1.1, 198.51.100.3").then().statusCode(401);
    from(behindProxy, "2.2.2.2, 198.51.100.3").then().statusCode(401);

    from(behindProxy, "3.3.3.3, 198.51.100.3").then().statusCode(429);
  }

  @Test
  void a_chain_of_trusted_proxies_is_read_back_to_the_first_untrusted_hop() {
    from(behindProxy, "198.51.100.4, 10.1.2.3").then().statusCode(401);
    from(behindProxy, "198.51.100.4, 10.9.9.9, 10.1.2.3").then().statusCode(401);

    from(behindProxy, "198.51.100.4").then().statusCode(429);
  }

  @Test
  void a_hop_written_with_its_port_is_the_same_client() {
    from(behindProxy, "198.51.100.5:4711").then().statusCode(401);
    from(behindProxy, "198.51.100.5").then().statusCode(401);

    from(behindProxy, "[2001:db8::5]:4711").then().statusCode(401);
    from(behindProxy, "198.51.100.5:5000").then().statusCode(429);
  }

  @Test
  void a_hop_that_is_not_an_address_leaves_the_trusted_proxy_as_the_client() {
    from(behindProxy, "unknown, 10.7.7.7").then().statusCode(401);
    from(behindProxy, "<script>, 10.7.7.7").then().statusCode(401);

    from(behindProxy, "10.7.7.7").then().statusCode(429);
  }

  @Test
  void without_trusted_proxies_the_header_is_ignored() {
    from(direct, "198.51.100.6").then().statusCode(401);
    from(direct, "198.51.100.7").then().statusCode(401);

    from(direct, "198.51.100.8").then().statusCode(429);
  }
}
