package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.TwilsockClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input to the SDK's tunnelled commands: a Twilio error with the right status, no change. */
class ClientCommandsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);

  private static Tokens tokens;
  private static String conversation;

  @BeforeAll
  static void setUp() {
    tokens = Tokens.of(server);
    conversation = fixtures.conversationWith("ann");
  }

  @Test
  void a_message_whose_body_is_not_json_is_400_and_posts_nothing() {
    try (TwilsockClient ann = connected("ann")) {
      TwilsockFrame reply = send(ann, "POST", conversationPath() + "/Messages", "{not json");

      assertThat(status(reply)).isEqualTo(400);
      assertThat(TwilsockClient.body(reply).path("code").intValue()).isEqualTo(20001);
      assertThat(messageCount()).isZero();
    }
  }

  @Test
  void message_attributes_nested_33_deep_are_400_and_post_nothing() {
    String deep = "{\"a\":".repeat(32) + "{\"a\":1}" + "}".repeat(32);
    try (TwilsockClient ann = connected("ann")) {
      TwilsockFrame asObject =
          send(
              ann,
              "POST",
              conversationPath() + "/Messages",
              "{\"body\":\"hi\",\"attributes\":" + deep + "}");
      TwilsockFrame asString =
          send(
              ann,
              "POST",
              conversationPath() + "/Messages",
              "{\"body\":\"hi\",\"attributes\":\"" + deep.replace("\"", "\\\"") + "\"}");

      assertThat(status(asObject)).isEqualTo(400);
      assertThat(TwilsockClient.body(asObject).path("code").intValue()).isEqualTo(20001);
      assertThat(status(asString)).isEqualTo(400);
      assertThat(messageCount()).isZero();
    }
  }

  @Test
  void a_read_horizon_that_is_not_an_index_is_400() {
    try (TwilsockClient ann = connected("ann")) {
      TwilsockFrame reply =
          send(
              ann,
              "POST",
              service() + "/Users/ann/Conversations/" + conversation,
              "{\"last_read_message_index\":\"soon\"}");

      assertThat(status(reply)).isEqualTo(400);
    }
  }

  @Test
  void an_unknown_notification_level_is_400() {
    try (TwilsockClient ann = connected("ann")) {
      TwilsockFrame reply =
          send(
              ann,
              "POST",
              service() + "/Users/ann/Conversations/" + conversation,
              "{\"notification_level\":\"loud\"}");

      assertThat(status(reply)).isEqualTo(400);
    }
  }

  @Test
  void a_command_for_another_service_is_404() {
    try (TwilsockClient ann = connected("ann")) {
      TwilsockFrame reply =
          send(
              ann,
              "POST",
              "/Client/v2/Services/IS00000000000000000000000000000000/Conversations/"
                  + conversation
                  + "/Messages",
              "{\"body\":\"hi\"}");

      assertThat(status(reply)).isEqualTo(404);
      assertThat(messageCount()).isZero();
    }
  }

  @Test
  void a_stranger_cannot_post_in_a_conversation_it_is_not_in() {
    try (TwilsockClient bob = connected("bob")) {
      TwilsockFrame reply =
          send(bob, "POST", conversationPath() + "/Messages", "{\"body\":\"hi\"}");

      assertThat(status(reply)).isEqualTo(403);
      assertThat(messageCount()).isZero();
    }
  }

  @Test
  void a_wrong_method_on_a_known_path_is_405() {
    try (TwilsockClient ann = connected("ann")) {
      TwilsockFrame reply = send(ann, "PUT", conversationPath(), "{}");

      assertThat(status(reply)).isEqualTo(405);
    }
  }

  private static String service() {
    return "/Client/v2/Services/" + tokens.serviceSid();
  }

  private static String conversationPath() {
    return service() + "/Conversations/" + conversation;
  }

  private static int messageCount() {
    return server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("messages")
        .size();
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token(identity));
    return client;
  }

  private static TwilsockFrame send(
      TwilsockClient client, String method, String path, String body) {
    return client.awaitReply(client.request(method, path, null, body));
  }

  private static int status(TwilsockFrame reply) {
    return reply.header().path("http_status").path("code").intValue();
  }
}
