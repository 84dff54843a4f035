package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listing messages and how indices are assigned: {@code GET .../Messages}. */
class MessageListApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final MessageFixtures fixtures = new MessageFixtures(server);

  private String conversationWith(int messages) {
    String conversation = fixtures.conversationSid();
    for (int i = 0; i < messages; i++) {
      fixtures.post(conversation, "Body", "message " + i);
    }
    return conversation;
  }

  private static List<Integer> range(int from, int toExclusive) {
    return IntStream.range(from, toExclusive).boxed().toList();
  }

  /** Follows {@code next_page_url} from {@code url}; returns every index seen, page by page. */
  private List<List<Integer>> pages(String url) {
    List<List<Integer>> pages = new ArrayList<>();
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      pages.add(page.getList("messages.index", Integer.class));
      url = page.getString("meta.next_page_url");
    }
    return pages;
  }

  @Test
  void gives_concurrent_posts_the_indices_0_to_49_without_gaps_or_duplicates() throws Exception {
    String conversation = fixtures.conversationSid();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> posts = new ArrayList<>();

    try {
      for (int i = 0; i < 50; i++) {
        String body = "concurrent " + i;
        posts.add(pool.submit(() -> fixtures.post(conversation, "Body", body).getInt("index")));
      }
      List<Integer> indices = new ArrayList<>();
      for (Future<Integer> post : posts) {
        indices.add(post.get(60, TimeUnit.SECONDS));
      }

      assertThat(indices).containsExactlyInAnyOrderElementsOf(range(0, 50));
      assertThat(pages(server.baseUrl() + "/v1/Conversations/" + conversation + "/Messages"))
          .containsExactly(range(0, 50));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lists_oldest_first_by_default() {
    String conversation = conversationWith(3);

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(200)
        .body("messages.index", equalTo(List.of(0, 1, 2)))
        .body("messages.body", equalTo(List.of("message 0", "message 1", "message 2")))
        .body("meta.key", equalTo("messages"))
        .body("meta.page", equalTo(0))
        .body("meta.page_size", equalTo(50))
        .body(
            "meta.url",
            equalTo(
                server.baseUrl()
                    + "/v1/Conversations/"
                    + conversation
                    + "/Messages?PageSize=50&Page=0"))
        .body("meta.next_page_url", nullValue())
        .body("meta.previous_page_url", nullValue());
  }

  @Test
  void pages_newest_first_until_next_page_url_is_null() {
    String conversation = conversationWith(7);

    List<List<Integer>> pages =
        pages(
            server.baseUrl()
                + "/v1/Conversations/"
                + conversation
                + "/Messages?Order=desc&PageSize=3");

    assertThat(pages).containsExactly(List.of(6, 5, 4), List.of(3, 2, 1), List.of(0));
  }

  @Test
  void pages_oldest_first_until_next_page_url_is_null() {
    String conversation = conversationWith(6);

    List<List<Integer>> pages =
        pages(server.baseUrl() + "/v1/Conversations/" + conversation + "/Messages?PageSize=3");

    assertThat(pages).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
  }

  @Test
  void echoes_the_order_lower_cased_in_page_urls() {
    String conversation = conversationWith(3);

    String next =
        server
            .api()
            .get("/v1/Conversations/" + conversation + "/Messages?Order=DesC&PageSize=2")
            .then()
            .statusCode(200)
            .body("messages.index", equalTo(List.of(2, 1)))
            .extract()
            .path("meta.next_page_url");

    assertThat(next)
        .startsWith(
            server.baseUrl()
                + "/v1/Conversations/"
                + conversation
                + "/Messages?Order=desc&PageSize=2&Page=1&PageToken=");
  }

  @Test
  void goes_back_a_page_by_previous_page_url() {
    String conversation = conversationWith(5);
    String secondPage =
        server
            .api()
            .get("/v1/Conversations/" + conversation + "/Messages?Order=desc&PageSize=2")
            .then()
            .extract()
            .path("meta.next_page_url");
    String previous =
        server
            .api()
            .get(secondPage)
            .then()
            .statusCode(200)
            .extract()
            .path("meta.previous_page_url");

    server
        .api()
        .get(previous)
        .then()
        .statusCode(200)
        .body("messages.index", equalTo(List.of(4, 3)))
        .body("meta.page", equalTo(0));
  }

  @Test
  void lists_by_unique_name_and_echoes_it_in_page_urls() {
    String conversation = fixtures.conversationSid("UniqueName", "listed-by-name");
    fixtures.post(conversation, "Body", "hi");

    server
        .api()
        .get("/v1/Conversations/listed-by-name/Messages")
        .then()
        .statusCode(200)
        .body("messages", hasSize(1))
        .body(
            "meta.url",
            equalTo(
                server.baseUrl() + "/v1/Conversations/listed-by-name/Messages?PageSize=50&Page=0"));
  }

  @Test
  void lists_through_the_service_scoped_twin() {
    JsonPath conversation = fixtures.conversation();
    fixtures.post(conversation.getString("sid"), "Body", "hi");
    String service = conversation.getString("chat_service_sid");

    server
        .api()
        .get(
            "/v1/Services/"
                + service
                + "/Conversations/"
                + conversation.getString("sid")
                + "/Messages")
        .then()
        .statusCode(200)
        .body("messages[0].chat_service_sid", equalTo(service))
        .body(
            "meta.first_page_url",
            equalTo(
                server.baseUrl()
                    + "/v1/Services/"
                    + service
                    + "/Conversations/"
                    + conversation.getString("sid")
                    + "/Messages?PageSize=50&Page=0"));
  }

  @Test
  void caps_page_size_at_100() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages?PageSize=1000")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(100));
  }

  @Test
  void lists_nothing_for_a_conversation_without_messages() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(200)
        .body("messages", hasSize(0))
        .body("meta.next_page_url", nullValue());
  }

  @Test
  void rejects_an_unknown_order() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages?Order=newest")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter Order: must be one of asc, desc"));
  }

  @Test
  void rejects_a_page_token_it_did_not_issue() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages?PageToken=forged")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid parameter PageToken: is not a token this API issued"));
  }

  @Test
  void answers_20404_when_listing_an_unknown_conversation() {
    server
        .api()
        .get("/v1/Conversations/nobody-knows/Messages")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body(
            "message",
            equalTo("The requested resource /Conversations/nobody-knows/Messages was not found"));
  }
}
