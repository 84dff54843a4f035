package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The init handshake (docs/realtime-protocol.md §2.4): who gets a session, and what everyone else
 * is answered.
 */
class TwilsockInitTest {
  private static final RecordingUpstream upstream = new RecordingUpstream();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer().withRealtime(RealtimeSettings.DEFAULT, upstream);

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  private static JsonNode status(TwilsockFrame reply) {
    return reply.header().get("status");
  }

  @Test
  void accepts_a_twilio_java_token_with_a_continuation_token_and_no_offline_storage() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame reply = client.init(tokens.token("ann"));

      assertThat(status(reply).get("code").intValue()).isEqualTo(200);
      assertThat(status(reply).get("status").textValue()).isEqualTo("OK");
      assertThat(reply.header().get("continuation_token").textValue()).isNotBlank();
      assertThat(reply.header().get("capabilities").isEmpty()).isTrue();
      assertThat(reply.header().has("offline_storage")).isFalse();
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void tells_the_upstream_of_the_session_with_the_tokens_grant() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("bea"));

      Session session = upstream.session("bea");
      assertThat(session.isOpen()).isTrue();
      assertThat(session.id()).isNotBlank();
      assertThat(session.grant().accountSid()).isEqualTo(ParleyServer.ACCOUNT_SID);
      assertThat(session.grant().serviceSid()).isEqualTo(tokens.serviceSid());
    }
  }

  @Test
  void rejects_a_malformed_token_with_20101_and_closes() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame reply = client.init("not-a-jwt");

      assertThat(status(reply).get("code").intValue()).isEqualTo(401);
      assertThat(status(reply).get("status").textValue()).isEqualTo("Unauthorized");
      assertThat(status(reply).get("errorCode").intValue()).isEqualTo(20101);
      assertThat(status(reply).get("description").textValue()).contains("Invalid Access Token");
      client.awaitClosed();
    }
  }

  @Test
  void rejects_a_forged_signature_with_20107_and_closes() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame reply = client.init(tokens.forged("ann"));

      assertThat(status(reply).get("errorCode").intValue()).isEqualTo(20107);
      client.awaitClosed();
    }
  }

  @Test
  void rejects_expired_token_with_20104() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame reply = client.init(tokens.token("ann", -60));

      assertThat(status(reply).get("code").intValue()).isEqualTo(401);
      assertThat(status(reply).get("errorCode").intValue()).isEqualTo(20104);
      client.awaitClosed();
    }
  }

  @Test
  void rejects_a_token_of_a_suspended_account_with_403() {
    var sub =
        server
            .api()
            .formParam("FriendlyName", "tenant")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Tokens tenant = Tokens.of(server, sub.getString("sid"), sub.getString("auth_token"));
    String token = tenant.token("ann");
    server
        .api()
        .formParam("Status", "suspended")
        .post("/2010-04-01/Accounts/" + sub.getString("sid") + ".json")
        .then()
        .statusCode(200);

    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame reply = client.init(token);

      assertThat(status(reply).get("code").intValue()).isEqualTo(403);
      assertThat(status(reply).get("status").textValue()).isEqualTo("Forbidden");
      assertThat(status(reply).get("errorCode").intValue()).isEqualTo(20403);
      client.awaitClosed();
    }
  }

  @Test
  void rejects_a_token_naming_another_accounts_service_with_20106_and_closes() {
    var sub =
        server
            .api()
            .formParam("FriendlyName", "other tenant")
            .post("/2010-04-01/Accounts.json")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Tokens tenant = Tokens.of(server, sub.getString("sid"), sub.getString("auth_token"));

    try (TwilsockClient client = TwilsockClient.connect(server)) {
      TwilsockFrame reply = client.init(tenant.naming(tokens.serviceSid()).token("ann"));

      assertThat(status(reply).get("code").intValue()).isEqualTo(401);
      assertThat(status(reply).get("errorCode").intValue()).isEqualTo(20106);
      client.awaitClosed();
      assertThat(upstream.opened).noneMatch(s -> s.grant().keySid().equals(tenant.keySid()));
    }
  }

  @Test
  void refuses_a_request_before_init_and_closes() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      String id = client.request("GET", "/Client/v2/Configuration", null, null);

      TwilsockFrame reply = client.awaitReply(id);
      assertThat(status(reply).get("code").intValue()).isEqualTo(400);
      assertThat(status(reply).get("description").textValue()).isEqualTo("init first");
      client.awaitClosed();
      assertThat(upstream.requests).isEmpty();
    }
  }

  @Test
  void an_update_with_the_same_identity_replaces_the_grant() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("cid", 600));
      Session session = upstream.session("cid");
      var before = session.grant().expiresAt();

      TwilsockFrame reply = client.update(tokens.token("cid", 3600));

      assertThat(status(reply).get("code").intValue()).isEqualTo(200);
      assertThat(session.grant().expiresAt()).isAfter(before.plus(Duration.ofMinutes(40)));
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void refuses_an_update_for_another_identity_and_closes() {
    try (TwilsockClient client = TwilsockClient.connect(server)) {
      client.init(tokens.token("dan"));

      TwilsockFrame reply = client.update(tokens.token("eve"));

      assertThat(status(reply).get("code").intValue()).isEqualTo(401);
      assertThat(status(reply).get("errorCode").intValue()).isEqualTo(20106);
      client.awaitClosed();
      assertThat(upstream.session("dan").grant().identity()).isEqualTo("dan");
    }
  }

  @Test
  void closed_is_heard_once_when_the_client_goes() {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token("fay"));
    Session session = upstream.session("fay");

    client.send(client.header("close"), new byte[0]);

    client.awaitClosed();
    await().atMost(Duration.ofSeconds(5)).until(() -> upstream.closed.contains(session));
    assertThat(upstream.closed.stream().filter(session::equals)).hasSize(1);
    assertThat(session.isOpen()).isFalse();
  }
}
