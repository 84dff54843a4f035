package dev.parley.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.NoStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code PARLEY_METRICS_TOKEN} set, {@code /metrics} wants that bearer token. */
@NoStore
class MetricsTokenTest {
  static Vertx vertx;
  static HttpServer server;
  static Metrics metrics;
  static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    metrics = new Metrics();
    Router router = Router.router(vertx);
    ObserveApi observe = new ObserveApi(new Readiness(), metrics, "s3cret");
    router.get(ObserveApi.HEALTH).handler(observe::health);
    router.get(ObserveApi.READY).handler(observe::ready);
    router.get(ObserveApi.METRICS).handler(observe::metrics);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    metrics.close();
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void refuses_a_scrape_without_the_token() throws Exception {
    HttpResponse<String> response = get("/metrics", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"parley-metrics\"");
  }

  @Test
  void refuses_a_wrong_token() throws Exception {
    HttpResponse<String> response = get("/metrics", "Bearer guess");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void serves_a_scrape_with_the_token() throws Exception {
    HttpResponse<String> response = get("/metrics", "Bearer s3cret");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void keeps_health_and_readiness_open() throws Exception {
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
  }
}
