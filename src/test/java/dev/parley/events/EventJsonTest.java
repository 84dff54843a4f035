package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.json.Json;
import dev.parley.store.EventRecord;
import dev.parley.testing.NoStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@NoStore
class EventJsonTest {

  @Test
  void an_events_fields_are_stored_as_the_mappers_json_of_them() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("AccountSid", "AC00000000000000000000000000000001");
    fields.put("Body", "quotes \" backslash \\ newline \n tab \t bell \u0007 é 日本 😀 </script>");
    fields.put("Attributes", "{\"a\": [1, true, null]}");
    fields.put("", "empty name");
    fields.put("Index", "42");

    String stored = EventLog.write(fields);

    assertThat(stored).isEqualTo(Json.MAPPER.writeValueAsString(fields));
    EventRecord row =
        new EventRecord(1, "AC", null, null, "onMessageAdded", "API", null, stored, Instant.EPOCH);
    assertThat(EventLog.fields(row)).containsExactlyEntriesOf(fields);
  }
}
