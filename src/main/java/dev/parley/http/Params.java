package dev.parley.http;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import dev.parley.ids.SidPrefix;
import dev.parley.json.Attributes;
import dev.parley.json.JsonInput;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed access to Twilio-style request parameters (form body or query string). Each getter checks
 * the value and throws a 400 naming the parameter; absent optional parameters read as null.
 */
public final class Params {
  private final MultiMap values;

  private Params(MultiMap values) {
    this.values = values;
  }

  public static Params form(RoutingContext ctx) {
    return new Params(FormBody.of(ctx));
  }

  public static Params query(RoutingContext ctx) {
    return new Params(ctx.queryParams());
  }

  public boolean has(String name) {
    return values.contains(name);
  }

  public String string(String name) {
    return values.get(name);
  }

  public String string(String name, int maxLength) {
    String value = values.get(name);
    if (value != null && value.length() > maxLength) {
      throw ApiException.invalid(name, "must be at most " + maxLength + " characters");
    }
    return value;
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw new ApiException(TwilioError.MISSING_PARAMETER, name);
    }
    return value;
  }

  public String required(String name, int maxLength) {
    required(name);
    return string(name, maxLength);
  }

  /** An optional SID that must carry {@code prefix}. */
  public String sid(String name, SidPrefix prefix) {
    String value = values.get(name);
    if (value != null && !prefix.matches(value)) {
      throw ApiException.invalid(name, "must be a " + prefix.letters() + " SID");
    }
    return value;
  }

  /**
   * An optional value from {@code allowed}, matched without regard to case, returned lower-case.
   */
  public String oneOf(String name, Set<String> allowed) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw ApiException.invalid(
          name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return lower;
  }

  /**
   * One of a Twilio enum's values, in any case, as the Java enum whose constants are those values
   * upper-cased ({@code State=Closed} is {@code CLOSED}); null when absent. Refused as {@link
   * #oneOf(String, Set)} refuses, naming the values in lower case.
   */
  public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
    Set<String> allowed = new java.util.TreeSet<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    String value = oneOf(name, allowed);
    return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }

  public Boolean bool(String name) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw ApiException.invalid(name, "must be true or false");
  }

  public Integer integer(String name, int min, int max) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number < min || number > max) {
        throw ApiException.invalid(name, "must be between " + min + " and " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "must be an integer");
    }
  }

  /**
   * An ISO-8601 date-time such as {@code 2015-12-16T22:18:37Z}. One without an offset is UTC:
   * twilio-java sends {@code DateCreated}/{@code DateUpdated} as {@code yyyy-MM-dd'T'HH:mm:ss}
   * (com.twilio.converter.Serializer), with no zone at all.
   */
  public Instant date(String name) {
    return date(name, values.get(name));
  }

  /** {@link #date(String)} for a value read from elsewhere (a JSON field); null stays null. */
  public static Instant date(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException withoutOffset) {
        try {
          return java.time.LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException again) {
          throw ApiException.invalid(
              name, "must be an ISO-8601 date-time such as 2015-12-16T22:18:37Z");
        }
      }
    }
  }

  /** An optional absolute http or https URL (webhook targets). */
  public String url(String name) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    try {
      java.net.URI uri = new java.net.URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      // A port past 65535 still parses; the receiver could never be called, so say so now.
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getPort() <= 65_535) {
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw ApiException.invalid(name, "must be an absolute http or https URL");
  }

  /**
   * A string that must hold valid JSON (Twilio's {@code Attributes}) nested at most {@link
   * JsonInput#MAX_DEPTH} deep; returned as sent.
   */
  public String json(String name) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    String problem = JsonInput.problem(value);
    if (problem != null) {
      throw ApiException.invalid(name, problem);
    }
    return value;
  }

  /**
   * {@code Attributes} (or another parameter holding a resource's attributes), checked as {@link
   * #json}.
   */
  public Attributes attributes(String name) {
    return Attributes.parse(name, values.get(name));
  }

  /** A repeated parameter ({@code Filters=a&Filters=b}), empty when absent. */
  public List<String> strings(String name) {
    return values.getAll(name);
  }
}
