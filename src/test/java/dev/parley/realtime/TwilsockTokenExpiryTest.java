package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token lifetime (docs/realtime-protocol.md §2.5), driven by the server's settable clock: the SDK
 * has no expiry timer, so the server warns three minutes ahead and closes with 410 at expiry.
 */
class TwilsockTokenExpiryTest {
  private static final RecordingUpstream upstream = new RecordingUpstream();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer()
          .withRealtime(
              new RealtimeSettings(
                  Duration.ofMillis(100),
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(25),
                  // Moving the clock must not look like silence: keepalive runs on real time,
                  // but keep it out of the way anyway.
                  Duration.ofMinutes(10),
                  Duration.ofMinutes(3),
                  32,
                  2 * TwilsockProtocol.MAX_FRAME_BYTES,
                  4),
              upstream);

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  /** twilio-java stamps tokens with the system time; the server's clock may be ahead of it. */
  private static String tokenLasting(String identity, Duration left) {
    Duration ahead = Duration.between(Instant.now(), server.clock().instant());
    return tokens.token(identity, (int) left.plus(ahead).toSeconds());
  }

  private static long warnings(TwilsockClient client) {
    return client.frames().stream()
        .filter(frame -> frame.method().equals("client_update"))
        .filter(
            frame ->
                frame
                    .header()
                    .get("client_update_type")
                    .textValue()
                    .equals("token_about_to_expire"))
        .count();
  }

  @Test
  void warns_three_minutes_before_the_token_expires() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokenLasting("ann", Duration.ofMinutes(10)));

      server.clock().advance(Duration.ofMinutes(7).plusSeconds(5));

      TwilsockFrame warning = client.await("client_update");
      assertThat(warning.header().get("client_update_type").textValue())
          .isEqualTo("token_about_to_expire");
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void warns_at_once_when_less_than_three_minutes_are_left() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokenLasting("bea", Duration.ofMinutes(2)));

      client.await("client_update");

      assertThat(warnings(client)).isEqualTo(1);
    }
  }

  @Test
  void closes_with_410_and_20104_when_the_token_expires() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokenLasting("cid", Duration.ofMinutes(10)));
      Session session = upstream.session("cid");

      server.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

      TwilsockFrame close = client.await("close");
      assertThat(close.header().get("status").get("code").intValue()).isEqualTo(410);
      assertThat(close.header().get("status").get("status").textValue()).isEqualTo("Gone");
      assertThat(close.header().get("status").get("errorCode").intValue()).isEqualTo(20104);
      assertThat(close.header().get("status").get("description").textValue())
          .isEqualTo("Token expired");
      client.awaitClosed();
      await().atMost(Duration.ofSeconds(5)).until(() -> upstream.closed.contains(session));
    }
  }

  @Test
  void an_update_rearms_the_warning_and_moves_the_expiry() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokenLasting("dan", Duration.ofMinutes(2)));
      client.await("client_update");

      client.update(tokenLasting("dan", Duration.ofMinutes(30)));
      server.clock().advance(Duration.ofMinutes(5));
      TwilsockFrame probe = client.awaitReply(client.request("GET", "/v3/Documents/x", null, null));
      server.clock().advance(Duration.ofMinutes(23));

      await().atMost(Duration.ofSeconds(5)).until(() -> warnings(client) == 2);
      assertThat(probe.header().get("http_status").get("code").intValue()).isEqualTo(200);
      assertThat(client.isClosed()).isFalse();
    }
  }
}
