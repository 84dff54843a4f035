package dev.parley.shapes;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A store record whose every component holds a value no other component holds, and the text each
 * value shows as in any shape (a date's seconds-precision prefix, so REST's, the SDK's and the
 * webhooks' formats all match it). Strings are JSON objects naming their component, so shapes that
 * parse stored JSON ({@code attributes}, {@code media}) can.
 */
final class Sentinels<R extends Record> {
  private static final Instant BASE = Instant.parse("2001-01-01T00:00:00Z");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  final R record;
  final Map<String, String> shownAs = new LinkedHashMap<>();

  Sentinels(Class<R> type, Map<String, Object[]> overrides) {
    this(type, overrides, 0);
  }

  /**
   * {@code overrides}: values (and what they show as) for components that need a form; {@code salt}
   * sets these values apart from another record's (of another salt) in the same shape.
   */
  Sentinels(Class<R> type, Map<String, Object[]> overrides, int salt) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      types[i] = components[i].getType();
      Object[] override = overrides.get(name);
      if (override != null) {
        values[i] = override[0];
        shownAs.put(name, (String) override[1]);
      } else {
        values[i] = value(salt + ":" + name, types[i], 100 * salt + i);
        shownAs.put(name, shown(salt + ":" + name, values[i]));
      }
    }
    try {
      record = type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object value(String name, Class<?> type, int i) {
    if (type == String.class) {
      return "{\"v\":\"<<" + name + ">>\"}";
    }
    if (type == Instant.class) {
      return BASE.plusSeconds(3_607L * (i + 1));
    }
    if (type == long.class || type == Long.class) {
      return 900_000_000_000L + i;
    }
    if (type == int.class || type == Integer.class) {
      return 900_000_000 + i;
    }
    throw new IllegalArgumentException(
        name + " is a " + type.getSimpleName() + ": give Sentinels a value for it");
  }

  private static String shown(String name, Object value) {
    if (value instanceof String) {
      return "<<" + name + ">>";
    }
    if (value instanceof Instant instant) {
      return SECONDS.format(instant);
    }
    return value.toString();
  }
}
