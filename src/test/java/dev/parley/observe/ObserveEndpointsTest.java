package dev.parley.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.testing.ParleyServer;
import dev.parley.testing.PostgresqlOnly;
import dev.parley.testing.WebhookFixtures;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} on a real node, without credentials. */
class ObserveEndpointsTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();

  static final WebhookReceiver receiver = new WebhookReceiver();

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static String scrape() {
    return server
        .unchecked()
        .get("/metrics")
        .then()
        .statusCode(200)
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .extract()
        .asString();
  }

  @Test
  void healthz_answers_ok_without_credentials() {
    server.unchecked().get("/healthz").then().statusCode(200).body("status", equalTo("ok"));
  }

  @Test
  void readyz_answers_ready_while_the_store_answers() {
    server.unchecked().get("/readyz").then().statusCode(200).body("status", equalTo("ready"));
  }

  @Test
  void metrics_label_requests_by_route_pattern_not_by_sid() {
    server.api().get("/v1/Conversations/CH00000000000000000000000000000042").then().statusCode(404);

    String text = scrape();

    assertThat(text)
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/Conversations/:Sid\","
                + "status=\"4xx\"}")
        .doesNotContain("CH00000000000000000000000000000042");
  }

  @Test
  void metrics_show_jvm_process_and_realtime_basics() {
    String text = scrape();

    assertThat(text)
        .contains("jvm_memory_used_bytes")
        .contains("process_uptime_seconds")
        .contains("parley_realtime_connections")
        .contains("parley_realtime_subscribed_objects");
  }

  @Test
  @PostgresqlOnly
  void metrics_show_the_postgresql_pool() {
    assumeTrue("postgresql".equals(System.getProperty("parley.test.store")), "on PostgreSQL only");

    String text = scrape();

    assertThat(text)
        .contains("hikaricp_connections_active{pool=\"parley-postgresql\"}")
        .contains("hikaricp_connections_max{pool=\"parley-postgresql\"}");
  }

  @Test
  void metrics_count_webhook_outcomes_and_outbox_lag() {
    WebhookFixtures fixtures = new WebhookFixtures(server);
    String conversation = fixtures.conversationCalling(receiver.url("/metered"), "POST");

    fixtures.post(conversation, "counted");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            ObserveEndpointsTest::scrape,
            text ->
                text.contains("parley_webhook_deliveries_total{outcome=\"delivered\"} 1.0")
                    && text.contains("parley_webhook_outbox_lag_seconds_count 1"));
    assertThat(scrape())
        .contains("parley_webhook_in_flight")
        .contains("parley_webhook_pending_loaded")
        .contains("parley_webhook_lanes_held")
        .contains("parley_webhook_lanes_taken_over_total{side=\"here\"}");
  }
}
