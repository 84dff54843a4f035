package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import dev.parley.net.Networks;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.SettableResolver;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PARLEY_WEBHOOK_ALLOW_NETWORKS} lets webhooks call the networks it lists (receivers on the
 * developer's machine); what it stops listing is refused again, at delivery too.
 */
class AllowedNetworksTest {
  static final OutboundRule LOOPBACK_ALLOWED =
      OutboundRule.allowing(Networks.parse("127.0.0.0/8, ::1/128"));
  static final SettableResolver dns = new SettableResolver();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(
              new DeliverySettings(
                  new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)), null))
          .withOutbound(LOOPBACK_ALLOWED.resolvingWith(dns));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static int receiverPort() {
    return URI.create(receiver.url("/")).getPort();
  }

  private static List<Received> awaitCalls(String path) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.received(path), calls -> !calls.isEmpty());
  }

  @Test
  void calls_a_name_in_an_allowed_network_at_the_vetted_address_with_its_own_host_header() {
    dns.answer("hook.parley.test", "127.0.0.1");
    String url = "http://hook.parley.test:" + receiverPort() + "/named";
    String conversation = fixtures.conversationCalling(url, "POST");

    fixtures.post(conversation, "to a name");

    Received call = awaitCalls("/named").get(0);
    assertThat(call.header("Host")).isEqualTo("hook.parley.test:" + receiverPort());
    assertThat(
            new RequestValidator(ParleyServer.AUTH_TOKEN)
                .validate(url, call.params(), call.header("X-Twilio-Signature")))
        .isTrue();
  }

  @Test
  void calls_an_allowed_ipv6_literal_with_its_brackets_in_the_host_header() throws IOException {
    HttpServer v6;
    try {
      v6 = HttpServer.create(new InetSocketAddress("::1", 0), 16);
    } catch (IOException noIpv6) {
      Assumptions.abort("no IPv6 loopback here: " + noIpv6.getMessage());
      return;
    }
    List<String> hosts = new CopyOnWriteArrayList<>();
    v6.createContext(
        "/",
        exchange -> {
          hosts.add(exchange.getRequestHeaders().getFirst("Host"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    v6.start();
    try {
      int port = v6.getAddress().getPort();
      String conversation = fixtures.conversationCalling("http://[::1]:" + port + "/six", "POST");

      fixtures.post(conversation, "over IPv6");

      await().atMost(Duration.ofSeconds(5)).until(() -> !hosts.isEmpty());
      assertThat(hosts.get(0)).isEqualTo("[::1]:" + port);
    } finally {
      v6.stop(0);
    }
  }

  @Test
  void a_network_taken_off_the_list_is_refused_at_delivery_and_replayable_once_allowed_again() {
    String conversation = fixtures.conversationCalling(receiver.url("/narrowed"), "POST");
    server.withOutbound(OutboundRule.DEFAULT);
    server.restart();
    try {
      fixtures.post(conversation, "after the operator narrowed the list");

      JsonPath dead =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(
                  () -> fixtures.deliveries(conversation),
                  page -> "dead".equals(page.getString("deliveries[0].status")));
      assertThat(dead.getString("deliveries[0].last_error"))
          .isEqualTo(
              "address 127.0.0.1 is loopback (127.0.0.0/8); allow it with"
                  + " PARLEY_WEBHOOK_ALLOW_NETWORKS");
      assertThat(receiver.received("/narrowed")).isEmpty();
      String delivery = dead.getString("deliveries[0].sid");

      server.withOutbound(LOOPBACK_ALLOWED.resolvingWith(dns));
      server.restart();
      server
          .api()
          .post("/parley/v1/Webhooks/Deliveries/" + delivery + "/Replay")
          .then()
          .statusCode(200);

      assertThat(awaitCalls("/narrowed")).hasSize(1);
    } finally {
      server.withOutbound(LOOPBACK_ALLOWED.resolvingWith(dns));
      server.restart();
    }
  }
}
