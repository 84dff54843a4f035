package dev.parley.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.ParleyServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET .../Messages/{MessageSid}/Receipts[/{Sid}]}. */
class DeliveryReceiptsApiTest {
  @RegisterExtension static final ParleyServer server = new ParleyServer();
  private final MessageFixtures fixtures = new MessageFixtures(server);
  private final DirectRows rows = new DirectRows(server);

  private static String receipts(String conversation, String message) {
    return "/v1/Conversations/" + conversation + "/Messages/" + message + "/Receipts";
  }

  /** A message and a receipt of it in {@code status}, written straight into the store. */
  private String receiptOf(JsonPath message, String status) {
    return rows.receipt(
        message.getString("account_sid"),
        serviceOf(message.getString("conversation_sid")),
        message.getString("conversation_sid"),
        message.getString("sid"),
        status);
  }

  private String serviceOf(String conversation) {
    return server
        .api()
        .get("/v1/Conversations/" + conversation)
        .then()
        .extract()
        .path("chat_service_sid");
  }

  @Test
  void lists_no_receipts_for_a_chat_message() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");

    server
        .api()
        .get(receipts(conversation, message))
        .then()
        .statusCode(200)
        .body("delivery_receipts", hasSize(0))
        .body("meta.key", equalTo("delivery_receipts"))
        .body("meta.page_size", equalTo(50))
        .body(
            "meta.url",
            equalTo(server.baseUrl() + receipts(conversation, message) + "?PageSize=50&Page=0"))
        .body("meta.next_page_url", nullValue());
  }

  @Test
  void caps_page_size_at_50() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");

    server
        .api()
        .get(receipts(conversation, message) + "?PageSize=100")
        .then()
        .statusCode(200)
        .body("meta.page_size", equalTo(50));
  }

  @Test
  void answers_404_for_an_unknown_receipt() {
    String conversation = fixtures.conversationSid();
    String message = fixtures.postSid(conversation, "hi");

    server
        .api()
        .get(receipts(conversation, message) + "/DY" + "0".repeat(32))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void answers_404_for_receipts_of_an_unknown_message() {
    String conversation = fixtures.conversationSid();

    server
        .api()
        .get(receipts(conversation, "IM" + "0".repeat(32)))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void answers_20404_for_receipts_in_an_unknown_conversation() {
    server
        .api()
        .get(receipts("CH" + "0".repeat(32), "IM" + "0".repeat(32)))
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void fetches_a_recorded_receipt() {
    String conversation = fixtures.conversationSid();
    JsonPath message = fixtures.post(conversation, "Body", "hi");
    String receipt = receiptOf(message, "failed");

    JsonPath fetched =
        server
            .api()
            .get(receipts(conversation, message.getString("sid")) + "/" + receipt)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(fetched.getString("sid")).isEqualTo(receipt);
    assertThat(fetched.getString("account_sid")).isEqualTo(ParleyServer.ACCOUNT_SID);
    assertThat(fetched.getString("conversation_sid")).isEqualTo(conversation);
    assertThat(fetched.getString("message_sid")).isEqualTo(message.getString("sid"));
    assertThat(fetched.getString("channel_message_sid")).matches("^SM[0-9a-f]{32}$");
    assertThat(fetched.getString("participant_sid")).matches("^MB[0-9a-f]{32}$");
    assertThat(fetched.getString("status")).isEqualTo("failed");
    assertThat(fetched.getInt("error_code")).isZero();
    assertThat(fetched.getString("date_created")).isEqualTo("2016-03-24T20:37:57Z");
    assertThat(fetched.getString("date_updated")).isEqualTo("2016-03-24T20:37:57Z");
    assertThat(fetched.getString("url"))
        .isEqualTo(
            server.baseUrl() + receipts(conversation, message.getString("sid")) + "/" + receipt);
    assertThat(fetched.getMap("$")).doesNotContainKey("chat_service_sid");
  }

  @Test
  void fetches_a_receipt_through_the_service_scoped_twin() {
    JsonPath conversation = fixtures.conversation();
    String service = conversation.getString("chat_service_sid");
    JsonPath message = fixtures.post(conversation.getString("sid"), "Body", "hi");
    String receipt = receiptOf(message, "sent");
    String path =
        "/v1/Services/"
            + service
            + receipts(conversation.getString("sid"), message.getString("sid")).substring(3)
            + "/"
            + receipt;

    server
        .api()
        .get(path)
        .then()
        .statusCode(200)
        .body("chat_service_sid", equalTo(service))
        .body("url", equalTo(server.baseUrl() + path));
  }

  @Test
  void pages_through_receipts_in_the_order_they_were_recorded() {
    String conversation = fixtures.conversationSid();
    JsonPath message = fixtures.post(conversation, "Body", "hi");
    List<String> recorded = new ArrayList<>();
    for (String status : List.of("sent", "delivered", "read")) {
      recorded.add(receiptOf(message, status));
    }

    List<String> seen = new ArrayList<>();
    String url =
        server.baseUrl() + receipts(conversation, message.getString("sid")) + "?PageSize=2";
    while (url != null) {
      JsonPath page = server.api().get(url).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("delivery_receipts.sid"));
      url = page.getString("meta.next_page_url");
    }

    assertThat(seen).containsExactlyElementsOf(recorded);
  }

  @Test
  void summarises_receipts_in_the_message_delivery() {
    String conversation = fixtures.conversationSid();
    JsonPath message = fixtures.post(conversation, "Body", "hi");
    receiptOf(message, "read");
    receiptOf(message, "sent");

    server
        .api()
        .get("/v1/Conversations/" + conversation + "/Messages/" + message.getString("sid"))
        .then()
        .statusCode(200)
        .body("delivery.total", equalTo(2))
        .body("delivery.sent", equalTo("all"))
        .body("delivery.delivered", equalTo("some"))
        .body("delivery.read", equalTo("some"))
        .body("delivery.failed", equalTo("none"))
        .body("delivery.undelivered", equalTo("none"));
  }
}
