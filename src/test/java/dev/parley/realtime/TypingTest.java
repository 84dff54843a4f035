package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ConversationFixtures;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.SyncSteps;
import dev.parley.testing.TwilsockClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typing indicators: shown to the other participants, never to the typer, and a flood is damped.
 */
class TypingTest {
  private static final String INDICATOR = "twilio.ipmsg.typing_indicator";

  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private static final ConversationFixtures fixtures = new ConversationFixtures(server);

  private static Tokens tokens;
  private static String conversation;

  @BeforeAll
  static void setUp() {
    tokens = Tokens.of(server);
    conversation = fixtures.conversationWith("ann", "bob");
  }

  @Test
  void a_flood_of_typing_reaches_the_others_as_a_trickle_and_never_the_typer() {
    try (TwilsockClient ann = connected("ann");
        TwilsockClient bob = connected("bob")) {
      List<String> ids = new ArrayList<>();
      long start = System.nanoTime();

      for (int i = 0; i < 100; i++) {
        ids.add(ann.request("POST", typingPath(), null, "ChannelSid=" + conversation));
      }

      ids.forEach(id -> assertThat(SyncSteps.httpStatus(ann.awaitReply(id))).isIn(200, 429));
      bob.await(frame -> INDICATOR.equals(frame.header().path("message_type").asText()));
      // A message after the flood still arrives: the connection is healthy.
      String after = ann.request("POST", typingPath(), null, "ChannelSid=" + conversation);
      assertThat(SyncSteps.httpStatus(ann.awaitReply(after))).isEqualTo(200);
      // At most one indicator a second passes, however many are sent.
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertThat(indicators(bob)).isBetween(1L, seconds + 2);
      assertThat(indicators(ann)).isZero();
    }
  }

  private static long indicators(TwilsockClient client) {
    return client.frames().stream()
        .filter(frame -> INDICATOR.equals(frame.header().path("message_type").asText()))
        .count();
  }

  private static String typingPath() {
    return "/Client/v2/Services/" + tokens.serviceSid() + "/Typing";
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token(identity));
    return client;
  }
}
