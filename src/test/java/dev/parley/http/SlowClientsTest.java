package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients that stall hold a connection no longer than the configured limits. */
class SlowClientsTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer()
          .withHttpLimits(
              HttpLimits.DEFAULT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)));

  @Test
  void closes_a_connection_that_stalls_in_the_request_line() {
    Duration closedAfter =
        RawHttp.stallAfter(server.port(), "GET /v1/Conversa", Duration.ofSeconds(10));

    assertThat(closedAfter).isNotNull().isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void closes_a_connection_that_trickles_its_headers() {
    Duration closedAfter =
        RawHttp.trickle(
            server.port(),
            "GET /v1/Conversations HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(100),
            Duration.ofMillis(200),
            Duration.ofSeconds(10));

    assertThat(closedAfter).isNotNull().isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void keeps_a_connection_that_sent_its_request_in_time() {
    RawHttp.Response response =
        RawHttp.exchange(
            server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(response.status()).isLessThan(500);
  }
}
