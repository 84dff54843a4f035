package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.SettableResolver;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Without {@code PARLEY_WEBHOOK_ALLOW_NETWORKS}, Parley calls no loopback, private, link-local,
 * multicast or unspecified address on a user's behalf (issue 13, SSRF): such a URL is a {@code 400}
 * when configured, and a delivery whose host resolves to one later (DNS rebinding) is dead-lettered
 * with the reason, without connecting.
 */
class InternalAddressesTest {
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));
  static final SettableResolver dns = new SettableResolver();

  @RegisterExtension
  static final ParleyServer server =
      new ParleyServer(new DeliverySettings(FAST, null))
          .withOutbound(OutboundRule.DEFAULT.resolvingWith(dns));

  static final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookFixtures fixtures = new WebhookFixtures(server);

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static int receiverPort() {
    return URI.create(receiver.url("/")).getPort();
  }

  private static String conversation() {
    return server.api().post("/v1/Conversations").then().statusCode(201).extract().path("sid");
  }

  private static String defaultService() {
    return server.api().get("/v1/Configuration").path("default_chat_service_sid");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/hook",
        "http://localhost:8080/hook",
        "http://10.0.0.5/hook",
        "http://172.16.3.4/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0:8080/hook",
        "http://224.0.0.1/hook",
        "http://255.255.255.255/hook",
        "http://2130706433/hook",
        "http://[::1]:8080/hook",
        "http://[::]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:a9fe:a9fe]/hook",
        "http://[64:ff9b::a00:5]/hook",
        "http://[fd12:3456::1]/hook",
        "http://[fe80::1]/hook",
        "http://[ff02::1]/hook"
      })
  void refuses_to_configure_a_webhook_on_an_internal_address(String url) {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", url)
        .post("/v1/Conversations/" + conversation() + "/Webhooks")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("Invalid parameter Configuration.Url: "))
        .body("message", containsString("allow it with PARLEY_WEBHOOK_ALLOW_NETWORKS"));
  }

  @Test
  void the_refusal_names_the_network_and_the_setting_that_allows_it() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "http://10.0.0.5/hook")
        .post("/v1/Conversations/" + conversation() + "/Webhooks")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter Configuration.Url: address 10.0.0.5 is in a private network"
                    + " (10.0.0.0/8); allow it with PARLEY_WEBHOOK_ALLOW_NETWORKS"));
  }

  @Test
  void a_name_is_refused_by_what_it_resolves_to() {
    dns.answer("metadata.parley.test", "169.254.169.254");

    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "http://metadata.parley.test/latest/meta-data/")
        .post("/v1/Conversations/" + conversation() + "/Webhooks")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "Invalid parameter Configuration.Url: host metadata.parley.test resolves to"
                    + " 169.254.169.254, which is link-local (where cloud metadata services"
                    + " answer) (169.254.0.0/16); allow it with PARLEY_WEBHOOK_ALLOW_NETWORKS"));
  }

  @Test
  void a_name_that_answers_one_internal_address_among_public_ones_is_refused() {
    dns.answer("mixed.parley.test", "203.0.113.7", "10.1.2.3");

    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://mixed.parley.test/hook")
        .post("/v1/Conversations/" + conversation() + "/Webhooks")
        .then()
        .statusCode(400)
        .body("message", containsString("resolves to 10.1.2.3, which is in a private network"));
  }

  @Test
  void a_name_that_does_not_resolve_is_accepted_and_left_to_delivery() {
    server
        .api()
        .formParam("Target", "webhook")
        .formParam("Configuration.Url", "https://nowhere.invalid/hook")
        .post("/v1/Conversations/" + conversation() + "/Webhooks")
        .then()
        .statusCode(201);
  }

  @Test
  void refuses_an_internal_global_pre_or_post_webhook_url() {
    server
        .api()
        .formParam("PreWebhookUrl", "http://192.168.0.10/pre")
        .formParam("Target", "webhook")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid parameter PreWebhookUrl: address 192.168.0.10"));
    server
        .api()
        .formParam("PostWebhookUrl", "http://[::1]/post")
        .post("/v1/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid parameter PostWebhookUrl: address ::1"));
  }

  @Test
  void refuses_an_internal_service_webhook_url() {
    server
        .api()
        .formParam("PostWebhookUrl", "http://127.0.0.1:9000/post")
        .post("/v1/Services/" + defaultService() + "/Configuration/Webhooks")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid parameter PostWebhookUrl: address 127.0.0.1"));
  }

  @Test
  void refuses_an_internal_address_configuration_webhook_url() {
    server
        .api()
        .formParam("Type", "sms")
        .formParam("Address", "+37256123499")
        .formParam("AutoCreation.Enabled", "true")
        .formParam("AutoCreation.Type", "webhook")
        .formParam("AutoCreation.ConversationServiceSid", defaultService())
        .formParam("AutoCreation.WebhookUrl", "http://169.254.169.254/")
        .post("/v1/Configuration/Addresses")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid parameter AutoCreation.WebhookUrl: address"));
  }

  @Test
  void refuses_an_internal_flex_flow_integration_url() {
    server
        .api()
        .formParam("FriendlyName", "Internal flow")
        .formParam("ChatServiceSid", defaultService())
        .formParam("ChannelType", "web")
        .formParam("IntegrationType", "external")
        .formParam("Integration.Url", "http://10.9.8.7/flow")
        .post("/v1/FlexFlows")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid parameter Integration.Url: address 10.9.8.7"));
  }

  @ParameterizedTest
  @CsvSource({
    "loopback.parley.test, 127.0.0.1, '127.0.0.1, which is loopback (127.0.0.0/8)'",
    "private.parley.test, 10.0.0.5, '10.0.0.5, which is in a private network (10.0.0.0/8)'",
    "metadata.parley.test, 169.254.169.254, '169.254.169.254, which is link-local'",
    "v6loopback.parley.test, ::1, '::1, which is loopback (::1/128)'",
    "mapped.parley.test, ::ffff:127.0.0.1, '127.0.0.1, which is loopback (127.0.0.0/8)'",
    "nat64.parley.test, 64:ff9b::7f00:1, 'embeds 127.0.0.1, which is loopback (127.0.0.0/8)'"
  })
  void a_delivery_whose_host_now_resolves_internally_is_dead_lettered_without_a_call(
      String host, String address, String reason) {
    dns.answer(host, "203.0.113.7");
    String path = "/rebound-" + host;
    String conversation =
        fixtures.conversationCalling("http://" + host + ":" + receiverPort() + path, "POST");
    dns.answer(host, address);

    fixtures.post(conversation, "rebound");

    JsonPath dead =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> fixtures.deliveries(conversation),
                page -> "dead".equals(page.getString("deliveries[0].status")));
    assertThat(dead.getString("deliveries[0].last_error"))
        .startsWith("host " + host + " resolves to ")
        .contains(reason)
        .endsWith("; allow it with PARLEY_WEBHOOK_ALLOW_NETWORKS");
    assertThat(dead.getInt("deliveries[0].attempt_count")).isZero();
    assertThat(receiver.received(path)).isEmpty();
  }
}
