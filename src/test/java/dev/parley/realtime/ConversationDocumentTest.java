package dev.parley.realtime;

import static dev.parley.testing.SyncSteps.eventType;
import static dev.parley.testing.SyncSteps.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ParleyServer;
import dev.parley.testing.SyncSteps;
import dev.parley.testing.TwilsockClient;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation's Sync document, which the SDK's Conversation is read from
 * (docs/realtime-protocol.md §4.2): what it says after messages, changes of the conversation and a
 * message's removal, read and heard through the realtime endpoint.
 */
class ConversationDocumentTest {
  /** Attributes with what JSON text can hold: a nested "state", quotes, a decimal, non-ASCII. */
  private static final String ATTRIBUTES =
      "{\"quote\": \"say \\\"hi\\\", \\\\o/\", \"state\": {\"current\": \"closed\"},"
          + " \"n\": 1.50, \"日本\": [1, null, true, {\"lastMessage\": 7}]}";

  @RegisterExtension static final ParleyServer server = new ParleyServer();

  private static Tokens tokens;

  @BeforeAll
  static void key() {
    tokens = Tokens.of(server);
  }

  @Test
  void each_new_message_becomes_the_documents_last_message_beside_the_conversations_fields()
      throws Exception {
    try (TwilsockClient ann = connected("ann-last")) {
      String sid = conversationWith("ann-last", "talk", ATTRIBUTES);
      SyncSids objects = objectsOf(ann, "ann-last", sid);
      long opened = get(ann, "/v3/Documents/" + objects.document).path("last_event_id").asLong();
      SyncSteps.subscribe(ann, objects.document, "document", opened);

      post(sid, "one");
      post(sid, "two");

      JsonNode data = get(ann, "/v3/Documents/" + objects.document).path("data");
      JsonNode second = items(ann, objects.messages).get(1).path("data");
      assertThat(data.path("lastMessage").path("index").asLong()).isEqualTo(1);
      assertThat(data.path("lastMessage").path("timestamp").asText())
          .isEqualTo(second.path("timestamp").asText());
      assertThat(data.path("attributes")).isEqualTo(TwilsockClient.JSON.readTree(ATTRIBUTES));
      assertThat(data.path("friendlyName").asText()).isEqualTo("talk");
      assertThat(data.path("messages").asText()).isEqualTo(objects.messages);
      assertThat(data.path("state").path("current").asText()).isEqualTo("active");
      ann.await(frame -> lastIndexHeard(frame) == 1);
      assertThat(ann.frames().stream().map(ConversationDocumentTest::lastIndexHeard))
          .filteredOn(index -> index >= 0)
          .containsExactly(0L, 1L);
    }
  }

  @Test
  void a_change_of_the_conversation_keeps_its_last_message_and_the_next_message_keeps_the_change()
      throws Exception {
    try (TwilsockClient ann = connected("ann-change")) {
      String sid = conversationWith("ann-change", "before", ATTRIBUTES);
      SyncSids objects = objectsOf(ann, "ann-change", sid);
      post(sid, "first");

      server
          .api()
          .formParam("FriendlyName", "after")
          .formParam("Attributes", "{\"topic\": \"returns\"}")
          .post("/v1/Conversations/" + sid)
          .then()
          .statusCode(200);
      JsonNode changed = get(ann, "/v3/Documents/" + objects.document).path("data");
      post(sid, "second");
      JsonNode next = get(ann, "/v3/Documents/" + objects.document).path("data");

      JsonNode topic = TwilsockClient.JSON.readTree("{\"topic\":\"returns\"}");
      assertThat(changed.path("attributes")).isEqualTo(topic);
      assertThat(changed.path("friendlyName").asText()).isEqualTo("after");
      assertThat(changed.path("lastMessage").path("index").asLong()).isZero();
      assertThat(next.path("attributes")).isEqualTo(topic);
      assertThat(next.path("friendlyName").asText()).isEqualTo("after");
      assertThat(next.path("lastMessage").path("index").asLong()).isEqualTo(1);
    }
  }

  @Test
  void after_a_message_is_removed_the_next_one_is_the_documents_last() {
    try (TwilsockClient ann = connected("ann-removed")) {
      String sid = conversationWith("ann-removed", "talk", ATTRIBUTES);
      SyncSids objects = objectsOf(ann, "ann-removed", sid);
      post(sid, "one");
      String two = post(sid, "two");

      server.api().delete("/v1/Conversations/" + sid + "/Messages/" + two).then().statusCode(204);
      post(sid, "three");

      JsonNode data = get(ann, "/v3/Documents/" + objects.document).path("data");
      assertThat(items(ann, objects.messages))
          .extracting(item -> item.path("data").path("text").asText())
          .containsExactly("one", "three");
      assertThat(data.path("lastMessage").path("index").asLong()).isEqualTo(2);
      assertThat(data.path("friendlyName").asText()).isEqualTo("talk");
    }
  }

  /** The last message index a {@code document_updated} frame carries, or -1 for other frames. */
  private static long lastIndexHeard(TwilsockFrame frame) {
    if (!eventType(frame).equals("document_updated")) {
      return -1;
    }
    JsonNode last =
        TwilsockClient.body(frame).path("event").path("document_data").path("lastMessage");
    return last.isMissingNode() ? -1 : last.path("index").asLong();
  }

  private record SyncSids(String document, String messages) {}

  private static SyncSids objectsOf(TwilsockClient client, String identity, String conversation) {
    JsonNode objects =
        get(
                client,
                "/Client/v2/Services/"
                    + tokens.serviceSid()
                    + "/Users/"
                    + identity
                    + "/Conversations/"
                    + conversation)
            .path("sync_objects");
    return new SyncSids(objects.path("conversation").asText(), objects.path("messages").asText());
  }

  private static List<JsonNode> items(TwilsockClient client, String list) {
    return StreamSupport.stream(
            get(client, "/v3/Lists/" + list + "/Items").path("items").spliterator(), false)
        .toList();
  }

  private static String conversationWith(String identity, String name, String attributes) {
    String sid =
        server
            .api()
            .formParam("FriendlyName", name)
            .formParam("Attributes", attributes)
            .post("/v1/Conversations")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    server
        .api()
        .formParam("Identity", identity)
        .post("/v1/Conversations/" + sid + "/Participants")
        .then()
        .statusCode(201);
    return sid;
  }

  /** Posts {@code body} through REST; the message's SID. */
  private static String post(String conversation, String body) {
    return server
        .api()
        .formParam("Author", "system")
        .formParam("Body", body)
        .post("/v1/Conversations/" + conversation + "/Messages")
        .then()
        .statusCode(201)
        .extract()
        .path("sid");
  }

  private static TwilsockClient connected(String identity) {
    TwilsockClient client = TwilsockClient.connect(server);
    client.init(tokens.token(identity));
    return client;
  }
}
