package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversation.NewMessage;
import dev.parley.conversation.Scope;
import dev.parley.events.Origin;
import dev.parley.ids.AccountSid;
import dev.parley.ids.ConversationSid;
import dev.parley.json.Attributes;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.SettableResolver;
import dev.parley.testing.WebhookReceiver;
import dev.parley.webhooks.OutboundRule;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pre-action hook whose host resolves to a refused address is not called, and the change goes
 * ahead unmodified, as Twilio's does when its pre-action webhook does not answer. (SDK changes are
 * made through the domain service with an SDK origin, as in {@link PreActionWebhooksTest}.)
 */
class PreActionAddressesTest {
  static final SettableResolver dns = new SettableResolver();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer().withOutbound(OutboundRule.DEFAULT.resolvingWith(dns));

  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void close_the_receiver() {
    receiver.close();
  }

  @Test
  void a_pre_action_hook_that_now_resolves_to_loopback_is_not_called_and_the_change_proceeds() {
    dns.answer("pre.parley.test", "203.0.113.9");
    int port = URI.create(receiver.url("/")).getPort();
    server
        .api()
        .formParam("PreWebhookUrl", "http://pre.parley.test:" + port + "/pre")
        .formParam("Filters", "onMessageAdd")
        .formParam("Target", "webhook")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(200);
    String conversation =
        server.api().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
    dns.answer("pre.parley.test", "127.0.0.1");
    receiver.answer("/pre", 403);
    Scope scope =
        server
            .parley()
            .wiring()
            .directory()
            .scope(new AccountSid(ParleyServer.ACCOUNT_SID), null)
            .by(Origin.sdk("alice"));

    String sid =
        server
            .parley()
            .wiring()
            .messages()
            .create(
                scope,
                new ConversationSid(conversation),
                NewMessage.text("alice", "hello", Attributes.EMPTY))
            .record()
            .sid();

    assertThat(sid).startsWith("IM");
    assertThat(receiver.received("/pre")).isEmpty();
  }
}
