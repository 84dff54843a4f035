package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ApiException;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tunnelled HTTP (docs/realtime-protocol.md §2.8) and server push (§2.9) through an open session.
 */
class TwilsockTunnelTest {
  private static final int MAX_IN_FLIGHT = 4;
  private static final RecordingUpstream upstream = new RecordingUpstream();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer()
          .withRealtime(
              new RealtimeSettings(
                  Duration.ofMillis(200),
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(25),
                  Duration.ofSeconds(75),
                  Duration.ofMinutes(3),
                  MAX_IN_FLIGHT,
                  2 * TwilsockProtocol.MAX_FRAME_BYTES,
                  16),
              upstream);

  private static Tokens tokens;
  private TwilsockClient client;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  @BeforeEach
  void connect() {
    upstream.reset();
    client = TwilsockClient.connect(server);
    client.init(tokens.token("ann"));
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  private static int code(TwilsockFrame reply, String field) {
    return reply.header().get(field).get("code").intValue();
  }

  @Test
  void hands_the_upstream_the_decoded_path_params_headers_and_body() {
    ObjectNode params = TwilsockClient.JSON.createObjectNode().put("Key", "caf%C3%A9+noir");
    params.putArray("Order").add("asc").add("desc");

    client.awaitReply(
        client.request(
            "POST", "/v3/Maps/MP1/Items/ann%40example.com?x=1", params, "{\"data\":\"é\"}"));

    UpstreamRequest request = upstream.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v3/Maps/MP1/Items/ann@example.com");
    assertThat(request.params()).containsEntry("Key", List.of("café noir"));
    assertThat(request.params()).containsEntry("Order", List.of("asc", "desc"));
    assertThat(request.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(request.payloadType()).isEqualTo("application/json; charset=utf-8");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"data\":\"é\"}");
  }

  @Test
  void replies_with_transport_status_http_status_and_a_json_body() {
    upstream.answer =
        (session, request) ->
            new UpstreamResponse(201, Map.of("identity", session.grant().identity()));

    TwilsockFrame reply =
        client.awaitReply(client.request("GET", "/Client/v2/Configuration", null, null));

    assertThat(code(reply, "status")).isEqualTo(200);
    assertThat(code(reply, "http_status")).isEqualTo(201);
    assertThat(reply.header().get("http_status").get("status").textValue()).isEqualTo("Created");
    assertThat(reply.header().get("http_headers").get("Content-Type").textValue())
        .isEqualTo("application/json");
    assertThat(reply.header().get("payload_type").textValue()).isEqualTo("application/json");
    assertThat(TwilsockClient.body(reply).get("identity").textValue()).isEqualTo("ann");
  }

  @Test
  void what_follows_an_accepted_answer_reaches_the_client_after_the_answer() {
    upstream.answer =
        (session, request) ->
            UpstreamResponse.accepted(
                Map.of(), () -> session.notify("twilio.sync.event", Map.of("event_type", "after")));

    String id = client.request("POST", "/v4/Subscriptions", null, "{}");

    TwilsockFrame after = client.await("notification");
    List<TwilsockFrame> frames = client.frames();
    TwilsockFrame reply = client.awaitReply(id);
    assertThat(code(reply, "http_status")).isEqualTo(202);
    assertThat(frames.indexOf(reply)).isBetween(0, frames.indexOf(after) - 1);
  }

  @Test
  void answers_an_empty_json_object_when_the_upstream_has_no_body() {
    upstream.answer = (session, request) -> new UpstreamResponse(200, null);

    TwilsockFrame reply = client.awaitReply(client.request("POST", "/typing", null, "{}"));

    assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void answers_500_when_the_upstream_body_is_no_json_object() {
    upstream.answer = (session, request) -> UpstreamResponse.ok(List.of("not", "an", "object"));

    TwilsockFrame reply = client.awaitReply(client.request("GET", "/v3/Lists/x", null, null));

    assertThat(code(reply, "http_status")).isEqualTo(500);
    assertThat(TwilsockClient.body(reply).get("code").intValue()).isEqualTo(20500);
  }

  @Test
  void answers_an_api_exception_with_its_twilio_error_body_and_http_status() {
    upstream.answer =
        (session, request) -> {
          throw ApiException.notFound();
        };

    TwilsockFrame reply = client.awaitReply(client.request("GET", "/Client/v2/C/CH1", null, null));

    assertThat(code(reply, "status")).isEqualTo(200);
    assertThat(code(reply, "http_status")).isEqualTo(404);
    JsonNode body = TwilsockClient.body(reply);
    assertThat(body.get("code").intValue()).isEqualTo(20404);
    assertThat(body.get("message").textValue())
        .isEqualTo("The requested resource /Client/v2/C/CH1 was not found");
    assertThat(body.get("more_info").textValue())
        .isEqualTo("https://www.twilio.com/docs/errors/20404");
    assertThat(body.get("status").intValue()).isEqualTo(404);
  }

  @Test
  void answers_a_bug_in_the_upstream_with_500_and_keeps_the_connection() {
    upstream.answer =
        (session, request) -> {
          throw new IllegalStateException("a bug");
        };

    TwilsockFrame reply = client.awaitReply(client.request("GET", "/v4/Subscriptions", null, null));

    assertThat(code(reply, "http_status")).isEqualTo(500);
    assertThat(TwilsockClient.body(reply).get("code").intValue()).isEqualTo(20500);
    upstream.answer = RecordingUpstream.ECHO;
    TwilsockFrame next = client.awaitReply(client.request("GET", "/v3/Documents/x", null, null));
    assertThat(code(next, "http_status")).isEqualTo(200);
  }

  @Test
  void answers_429_with_20429_beyond_the_in_flight_limit() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    upstream.answer =
        (session, request) -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return UpstreamResponse.ok(Map.of());
        };
    List<String> held = new ArrayList<>();
    for (int i = 0; i < MAX_IN_FLIGHT; i++) {
      held.add(client.request("GET", "/v3/Lists/ES1/Items", null, null));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> upstream.requests.size() == MAX_IN_FLIGHT);

    TwilsockFrame refused =
        client.awaitReply(client.request("GET", "/v3/Lists/ES1/Items", null, null));

    release.countDown();
    assertThat(code(refused, "http_status")).isEqualTo(429);
    assertThat(TwilsockClient.body(refused).get("code").intValue()).isEqualTo(20429);
    for (String id : held) {
      assertThat(code(client.awaitReply(id), "http_status")).isEqualTo(200);
    }
  }

  @Test
  void one_connections_slow_requests_do_not_hold_up_another() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    upstream.answer =
        (session, request) -> {
          if (request.path().equals("/slow")) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return UpstreamResponse.ok(Map.of());
        };
    for (int i = 0; i < MAX_IN_FLIGHT; i++) {
      client.request("GET", "/slow", null, null);
    }

    try (TwilsockClient other = TwilsockClient.connect(server)) {
      other.init(tokens.token("bea"));
      TwilsockFrame reply = other.awaitReply(other.request("GET", "/fast", null, null));

      assertThat(code(reply, "http_status")).isEqualTo(200);
    } finally {
      release.countDown();
    }
  }

  @Test
  void notify_sends_a_notification_frame_with_a_json_payload() {
    Session session = upstream.session("ann");

    session.notify(
        TwilsockProtocol.TYPING_INDICATOR, Map.of("channel_sid", "CH1", "identity", "bea"));

    TwilsockFrame pushed = client.await("notification");
    assertThat(pushed.id()).isNotBlank();
    assertThat(pushed.header().get("message_type").textValue())
        .isEqualTo("twilio.ipmsg.typing_indicator");
    assertThat(pushed.header().get("payload_type").textValue()).isEqualTo("application/json");
    assertThat(TwilsockClient.body(pushed).get("channel_sid").textValue()).isEqualTo("CH1");
  }

  @Test
  void notifications_from_one_thread_arrive_in_call_order() {
    Session session = upstream.session("ann");

    for (int i = 0; i < 200; i++) {
      session.notify(TwilsockProtocol.SYNC_EVENT, Map.of("event_id", i));
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.frames().stream().filter(f -> f.method().equals("notification")).count()
                    == 200);
    List<Integer> order =
        client.frames().stream()
            .filter(frame -> frame.method().equals("notification"))
            .map(frame -> TwilsockClient.body(frame).get("event_id").intValue())
            .toList();
    assertThat(order).isSorted();
  }

  @Test
  void an_unknown_method_is_answered_400_and_the_connection_stays() {
    String id = client.send(client.header("telemetry.v2"), new byte[0]);

    TwilsockFrame reply = client.awaitReply(id);

    assertThat(code(reply, "status")).isEqualTo(400);
    TwilsockFrame next = client.awaitReply(client.request("GET", "/v3/Documents/x", null, null));
    assertThat(code(next, "http_status")).isEqualTo(200);
  }

  @Test
  void a_malformed_frame_closes_its_connection_with_400_and_no_other() {
    try (TwilsockClient other = TwilsockClient.connect(server)) {
      other.init(tokens.token("bea"));

      client.sendBytes("TWILSOCK V3.0 999999\r\n{".getBytes(StandardCharsets.UTF_8));

      TwilsockFrame close = client.await("close");
      assertThat(code(close, "status")).isEqualTo(400);
      client.awaitClosed();
      TwilsockFrame reply = other.awaitReply(other.request("GET", "/v3/Documents/x", null, null));
      assertThat(code(reply, "http_status")).isEqualTo(200);
    }
  }

  @Test
  void a_text_frame_is_refused_with_a_400_close() {
    client.sendText("{\"method\":\"init\"}");

    TwilsockFrame close = client.await("close");

    assertThat(code(close, "status")).isEqualTo(400);
    client.awaitClosed();
  }

  @Test
  void a_websocket_message_over_1_mib_closes_only_that_connection() {
    byte[] huge = new byte[TwilsockProtocol.MAX_FRAME_BYTES + 10];

    client.sendBytesAndForget(huge);

    client.awaitClosed();
    try (TwilsockClient other = TwilsockClient.connect(server)) {
      assertThat(other.init(tokens.token("bea")).header().get("status").get("code").intValue())
          .isEqualTo(200);
    }
  }
}
