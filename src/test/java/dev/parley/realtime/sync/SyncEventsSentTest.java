package dev.parley.realtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.SyncItemRecord;
import dev.parley.store.SyncObjectRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A broadcast Sync event carries its item's or document's data as stored, unparsed: the nodes that
 * hear it decode the event the parsed data would have made.
 */
class SyncEventsSentTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00.123Z");
  private static final String DATA =
      "{\"sid\":\"IM1\",\"text\":\"h\\u00e9 \\\"quoted\\\"\",\"n\":[1,2],\"o\":{\"x\":null}}";
  private final SyncJson json = new SyncJson(path -> "https://parley.test" + path);

  @Test
  void an_item_event_sent_unparsed_is_decoded_as_the_parsed_one() {
    SyncObjectRecord list = object("ES", "list", null);
    SyncItemRecord item = new SyncItemRecord(list.sid(), "3", 3L, DATA, 7, 7, false, NOW, NOW);

    SyncEvent heard = SyncEvent.decode(json.itemEventToSend(list, item, true).encode());

    assertThat(heard).isEqualTo(SyncEvent.decode(json.itemEvent(list, item, true).encode()));
    assertThat(heard.event().get("item_data").get("text").asText()).isEqualTo("hé \"quoted\"");
  }

  @Test
  void a_notification_written_from_an_event_made_unparsed_reads_as_the_parsed_one()
      throws Exception {
    SyncObjectRecord list = object("ES", "list", null);
    SyncItemRecord item = new SyncItemRecord(list.sid(), "3", 3L, DATA, 7, 7, false, NOW, NOW);

    byte[] written = new LiveEvent(json.itemEventToSend(list, item, true)).notification();

    byte[] parsed = SyncJson.bytes(json.itemEvent(list, item, true).payload());
    assertThat(SyncJson.JSON.readTree(written)).isEqualTo(SyncJson.JSON.readTree(parsed));
  }

  @Test
  void a_document_event_sent_unparsed_is_decoded_as_the_parsed_one() {
    SyncObjectRecord document = object("ET", "document", DATA);

    SyncEvent heard = SyncEvent.decode(json.documentUpdatedToSend(document).encode());

    assertThat(heard).isEqualTo(SyncEvent.decode(json.documentUpdated(document).encode()));
    assertThat(heard.event().get("document_data").get("n").get(1).asInt()).isEqualTo(2);
  }

  @Test
  void an_event_without_data_sends_an_empty_object() {
    SyncObjectRecord document = object("ET", "document", null);

    SyncEvent heard = SyncEvent.decode(json.documentUpdatedToSend(document).encode());

    assertThat(heard).isEqualTo(SyncEvent.decode(json.documentUpdated(document).encode()));
  }

  private static SyncObjectRecord object(String prefix, String kind, String data) {
    return new SyncObjectRecord(
        prefix + "0123456789abcdef0123456789abcdef",
        "AC0123456789abcdef0123456789abcdef",
        "IS0123456789abcdef0123456789abcdef",
        null,
        kind,
        7,
        data,
        NOW,
        NOW);
  }
}
