package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What keeps a socket open and what closes it when the SDK sends nothing: it has no keepalive and
 * no dead-peer detection of its own (docs/realtime-protocol.md §2.6). Timings shortened to
 * fractions of a second.
 */
class TwilsockLivenessTest {
  private static final RecordingUpstream upstream = new RecordingUpstream();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer()
          .withRealtime(
              new RealtimeSettings(
                  Duration.ofMillis(50),
                  Duration.ofSeconds(1),
                  Duration.ofMillis(200),
                  Duration.ofSeconds(1),
                  Duration.ofMinutes(3),
                  32,
                  TwilsockProtocol.MAX_FRAME_BYTES,
                  4),
              upstream);

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  @Test
  void pings_keep_a_quiet_connection_open() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("ann"));

      await()
          .during(Duration.ofMillis(2500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !client.isClosed());
    }
  }

  @Test
  void closes_a_connection_that_answers_no_pings() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("bea"));
      Session session = upstream.session("bea");

      client.stopReading();

      await().atMost(Duration.ofSeconds(20)).until(() -> upstream.closed.contains(session));
      assertThat(session.isOpen()).isFalse();
    }
  }

  @Test
  void closes_a_socket_that_sends_no_init_in_time_with_408() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame close = client.await("close");

      assertThat(close.header().get("status").get("code").intValue()).isEqualTo(408);
      client.awaitClosed();
    }
  }

  @Test
  void drops_a_client_that_reads_nothing_instead_of_buffering() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("cid"));
      Session session = upstream.session("cid");
      client.stopReading();
      String big = "x".repeat(64 * 1024);

      for (int i = 0; i < 2000 && session.isOpen(); i++) {
        session.notify(TwilsockProtocol.SYNC_EVENT, Map.of("data", big));
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> upstream.closed.contains(session));
    }
  }
}
