package dev.parley.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;

/**
 * The one {@link ObjectMapper} of Parley's own JSON, with Twilio's conventions: snake_case names,
 * nulls kept, dates like 2015-12-16T22:18:37Z, unknown names ignored on reading. Every package
 * renders and reads its JSON (answers, stored columns, event fields, realtime items) through it;
 * JSON a client sends is read through {@link JsonInput}, which bounds its depth. No other mapper is
 * made or reconfigured in main code ({@code LayeringTest}).
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(new SimpleModule().addSerializer(Instant.class, new SecondsInstant()));

  private Json() {}

  /**
   * Builds Jackson's serializers for a typical answer now, on a spare core during start-up, rather
   * than inside the first request.
   */
  public static void warmUp() {
    try {
      MAPPER.writeValueAsBytes(
          java.util.Map.of("code", 20003, "when", Instant.EPOCH, "items", java.util.List.of("x")));
      MAPPER.readTree("{\"a\":[1,true,null]}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final class SecondsInstant extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(IsoDates.seconds(value));
    }
  }
}
