package dev.parley.events;

import dev.parley.json.IsoDates;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an event's form fields in Twilio's formats: dates in ISO 8601 with milliseconds ({@code
 * 2021-08-12T23:54:50.674Z}), numbers in decimal. A null value is left out, as a form cannot say
 * null.
 */
public final class EventFields {
  private final Map<String, String> fields = new LinkedHashMap<>();

  /** The fields every webhook request carries, for {@code eventType} done by {@code origin}. */
  public static EventFields common(
      String accountSid, String eventType, Origin origin, String serviceSid) {
    return new EventFields()
        .put("AccountSid", accountSid)
        .put("EventType", eventType)
        .put("Source", origin.source().name())
        .put("ClientIdentity", origin.clientIdentity())
        .put("ChatServiceSid", serviceSid);
  }

  public EventFields put(String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  public EventFields put(String name, Instant value) {
    return value == null ? this : put(name, IsoDates.millis(value));
  }

  public EventFields put(String name, Number value) {
    return value == null ? this : put(name, value.toString());
  }

  public EventFields put(String name, boolean value) {
    return put(name, Boolean.toString(value));
  }

  /** The fields in the order they were put. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(fields);
  }
}
