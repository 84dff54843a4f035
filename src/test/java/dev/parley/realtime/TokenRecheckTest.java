package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The periodic backstop of revocations: every open connection's token is checked again against the
 * live key, account and service, so a change no broadcast announces (a deleted service) or a
 * broadcast a node missed still ends the connections that relied on it.
 */
class TokenRecheckTest {
  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer()
          .withRealtime(
              new RealtimeSettings(
                  Duration.ofMillis(100),
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(25),
                  Duration.ofSeconds(75),
                  Duration.ofMinutes(3),
                  32,
                  2 * TwilsockProtocol.MAX_FRAME_BYTES,
                  4,
                  Duration.ofMillis(500)),
              null);

  @Test
  void a_connection_whose_service_was_deleted_ends_at_the_next_check_with_20106() {
    String service =
        server
            .api()
            .formParam("FriendlyName", "short-lived")
            .post("/v1/Services")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    Tokens tokens = Tokens.of(server).naming(service);
    try (TwilsockClient ann = TwilsockClient.connect(server)) {
      TwilsockFrame reply = ann.init(tokens.token("ann-short-lived"));
      assertThat(reply.header().path("status").path("code").intValue()).isEqualTo(200);

      server.api().delete("/v1/Services/" + service).then().statusCode(204);

      assertThat(RealtimeRevocationTest.closeStatus(ann).path("errorCode").intValue())
          .isEqualTo(20106);
    }
  }
}
