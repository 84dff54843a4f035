package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.ParleyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping while requests are in flight: no request gets an error answer (each is answered 201 or
 * its connection is refused or closed), and every create answered 201 is in the store after a
 * restart.
 */
class GracefulShutdownTest {
  private final ParleyServer server = new ParleyServer();

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void answers_or_refuses_every_request_and_loses_no_acknowledged_create() throws Exception {
    server.start();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (ParleyServer.ACCOUNT_SID + ":" + ParleyServer.AUTH_TOKEN)
                        .getBytes(StandardCharsets.UTF_8));
    HttpRequest create =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/Conversations"))
            .header("Authorization", auth)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("FriendlyName=inflight&State=inactive"))
            .build();
    AtomicInteger created = new AtomicInteger();
    List<CompletableFuture<Integer>> requests = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      requests.add(
          client
              .sendAsync(create, HttpResponse.BodyHandlers.discarding())
              .thenApply(
                  response -> {
                    if (response.statusCode() == 201) {
                      created.incrementAndGet();
                    }
                    return response.statusCode();
                  })
              .exceptionally(refused -> -1));
    }
    await().atMost(30, TimeUnit.SECONDS).until(() -> created.get() >= 20);

    server.stop();
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Integer> request : requests) {
      statuses.add(request.get(30, TimeUnit.SECONDS));
    }
    server.restart();
    int stored = 0;
    String next = server.baseUrl() + "/v1/Conversations?State=inactive&PageSize=100";
    while (next != null) {
      var page = server.api().get(next).then().statusCode(200).extract().jsonPath();
      stored += page.getList("conversations").size();
      next = page.getString("meta.next_page_url");
    }

    assertThat(statuses).allMatch(status -> status == 201 || status == -1);
    assertThat(stored).isGreaterThanOrEqualTo(created.get());
  }
}
