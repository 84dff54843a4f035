package dev.parley.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;
import dev.parley.store.EventRecord;
import dev.parley.store.Store;
import dev.parley.store.Tx;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The outbox: domain services record each change's event here, in the change's own transaction, so
 * a committed change always has its event and a rolled-back one never does.
 */
public final class EventLog {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};
  private final Store store;
  private final Clock clock;
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

  public EventLog(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Adds a listener that runs inside every recording transaction from now on. */
  public void listen(EventListener listener) {
    listeners.add(listener);
  }

  /**
   * Records a {@code type} event of {@code change}, made by {@code origin}. {@code own} adds the
   * event's own fields after the common ones; {@code change} goes to this transaction's listeners
   * and is never stored.
   */
  public Event record(
      Tx tx, Origin origin, EventType type, Change change, Consumer<EventFields> own) {
    String accountSid = change.accountSid();
    String serviceSid = change.serviceSid();
    EventFields fields = EventFields.common(accountSid, type.wire(), origin, serviceSid);
    own.accept(fields);
    EventRecord row =
        new EventRecord(
            0,
            accountSid,
            serviceSid,
            change.conversationSid(),
            type.wire(),
            origin.source().name(),
            origin.clientIdentity(),
            write(fields.asMap()),
            clock.instant());
    LongSupplier seq = store.events().append(tx, row, change.turn());
    Event event =
        new Event(
            seq,
            type,
            accountSid,
            serviceSid,
            change.conversationSid(),
            origin,
            fields.asMap(),
            row.dateCreated(),
            change);
    listeners.forEach(l -> l.recorded(tx, event));
    return event;
  }

  /** The form fields of a recorded event, in the order they were written. */
  public static Map<String, String> fields(EventRecord row) {
    try {
      return JSON.readValue(row.params(), FIELDS);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fields as a JSON object, the text {@code writeValueAsString} gives, written field by field
   * through the mapper's own generator: every change writes one, and databind's set-up per call
   * (its serializer provider, the map serializer's lookup) cost the SQLite writer as much as the
   * writing (issue 16 §3).
   */
  static String write(Map<String, String> fields) {
    StringWriter out = new StringWriter(64 * (fields.size() + 1));
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        json.writeStringField(field.getKey(), field.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
