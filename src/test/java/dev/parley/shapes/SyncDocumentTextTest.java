package dev.parley.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.json.Json;
import dev.parley.shapes.ConversationShapes.SyncSource;
import dev.parley.store.MessageRecord;
import dev.parley.testing.NoStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message's post writes its conversation's document from text kept without the last message
 * ({@link ConversationShapes.SyncText}) and its list item through the mapper's generator ({@link
 * MessageShapes#syncText}): each text must be the mapper's, character for character, or a later
 * change that compares texts would see a change where there is none.
 */
@NoStore
class SyncDocumentTextTest {

  @Test
  void the_document_with_its_last_message_is_the_mappers_text_of_the_document() throws Exception {
    List<SyncSource> sources = new ArrayList<>();
    for (String attributes :
        List.of(
            "{}",
            "{\"a\": 1, \"state\": {\"current\": \"closed\"}, \"x\": \",\\\"state\\\":{\"}",
            "{\"quote\": \"say \\\"hi\\\" \\\\ \\n \\u0007 é 日本 😀 </script>\"}",
            "{\"n\": 1.50, \"big\": 12345678901234567890, \"list\": [1, null, true]}",
            "{\"lastMessage\": {\"index\": 9}, \"nested\": {\"a\": {\"b\": [{}]}}}")) {
      sources.add(source(attributes, "talk", "unique", "active"));
    }
    sources.add(source(null, null, null, null));
    sources.add(source("{\"a\":1}", "quotes \" and ,\"state\":{", "日本", "inactive"));

    for (SyncSource s : sources) {
      for (MessageRecord m : List.of(message(0, Instant.EPOCH), message(41, Instant.now()))) {
        ObjectNode previous = Json.MAPPER.createObjectNode();
        ObjectNode last = previous.putObject("lastMessage");
        last.put("index", m.index());
        last.put("timestamp", m.dateCreated().toString());

        String text = ConversationShapes.syncText(s).withLastMessage(m);

        assertThat(text)
            .as(s.toString())
            .isEqualTo(Json.MAPPER.writeValueAsString(ConversationShapes.sync(s, previous)));
      }
    }
  }

  @Test
  void a_messages_item_is_the_mappers_text_of_it() throws Exception {
    String media =
        "[{\"sid\":\"ME00000000000000000000000000000004\",\"content_type\":\"image/png\","
            + "\"filename\":\"a \\\"b\\\".png\",\"size\":1,\"category\":\"media\"}]";
    MessageRecord plain = message(3, Instant.now());
    MessageRecord odd =
        new MessageRecord(
            "IM00000000000000000000000000000005",
            "AC",
            "IS",
            "CH",
            4,
            "quotes \" and \\ é 日本 😀",
            null,
            "{\"a\": [1, \"</script>\"]}",
            "MB00000000000000000000000000000006",
            media,
            "HX00000000000000000000000000000007",
            "{}",
            "subject \n line",
            Instant.EPOCH,
            Instant.parse("2026-12-07T03:04:05.678Z"));

    for (MessageRecord m : List.of(plain, odd)) {
      String text = MessageShapes.syncText(m);

      assertThat(text).isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(text)));
      assertThat(MessageShapes.sync(m).path("author").asText()).isEqualTo(m.author());
      assertThat(MessageShapes.sync(m).path("attributes").asText()).isEqualTo(m.attributes());
    }
    assertThat(MessageShapes.sync(odd).path("medias").get(0).path("filename").asText())
        .isEqualTo("a \"b\".png");
    assertThat(MessageShapes.sync(odd).path("text").isNull()).isTrue();
  }

  private static SyncSource source(
      String attributes, String friendlyName, String uniqueName, String state) {
    Instant created = Instant.parse("2026-12-07T03:04:05.678Z");
    return new SyncSource(
        friendlyName,
        uniqueName,
        attributes,
        "system",
        created,
        created.plusSeconds(1),
        state,
        "ES00000000000000000000000000000001",
        "MP00000000000000000000000000000002");
  }

  private static MessageRecord message(long index, Instant created) {
    return new MessageRecord(
        "IM00000000000000000000000000000003",
        "AC",
        "IS",
        "CH",
        index,
        "system",
        "hello",
        "{}",
        null,
        null,
        null,
        null,
        null,
        created,
        null);
  }
}
