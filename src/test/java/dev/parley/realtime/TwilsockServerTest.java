package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The endpoint as Parley serves it today: its own upstream, its route, its shutdown. */
class TwilsockServerTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  @Test
  void answers_a_tunnelled_request_for_an_unknown_path_404_with_20404() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("ann"));

      TwilsockFrame reply =
          client.awaitReply(client.request("GET", "/Client/v2/Nothing", null, null));

      assertThat(reply.header().get("status").get("code").intValue()).isEqualTo(200);
      assertThat(reply.header().get("http_status").get("code").intValue()).isEqualTo(404);
      assertThat(TwilsockClient.body(reply).get("code").intValue()).isEqualTo(20404);
      assertThat(TwilsockClient.body(reply).get("message").textValue())
          .isEqualTo("The requested resource /Client/v2/Nothing was not found");
    }
  }

  @Test
  void answers_a_plain_get_of_the_socket_path_400() {
    server.unchecked().get("/v3/wsconnect").then().statusCode(400);
  }

  @Test
  void a_graceful_shutdown_closes_sessions_with_308_so_the_sdk_reconnects() {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token("bea"));

    server.restart();

    TwilsockFrame close = client.await("close");
    assertThat(close.header().get("status").get("code").intValue()).isEqualTo(308);
    client.awaitClosed();
    client.close();
  }
}
