package dev.parley.api.flex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.error.ApiException;
import dev.parley.http.Params;
import dev.parley.json.JsonInput;
import dev.parley.webchat.Appearance;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deployment's widget look from the form of {@code /parley/v1/WebchatDeployments}
 * (docs/widget.md, "Branding"). Each parameter left out keeps its value; an empty one clears it.
 * Every value is checked here, so what the widget receives is what it can show: a colour {@code
 * #rrggbb}, texts of bounded length, an absolute https logo URL, {@code left} or {@code right}, at
 * most ten fields.
 */
final class AppearanceParams {
  static final int MAX_FIELDS = 10;
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

  private AppearanceParams() {}

  static Appearance parse(Params form) {
    String color = form.string("Color", 7);
    if (color != null && !color.isEmpty() && !COLOR.matcher(color).matches()) {
      throw ApiException.invalid("Color", "must be a colour such as #0b5cad");
    }
    String position = form.string("LauncherPosition", 5);
    if (position != null && !position.isEmpty() && !Set.of("left", "right").contains(position)) {
      throw ApiException.invalid("LauncherPosition", "must be left or right");
    }
    String logo = form.string("LogoUrl", 2048);
    if (logo != null && !logo.isEmpty()) {
      checkLogo(logo);
    }
    return new Appearance(
        color == null || color.isEmpty() ? color : color.toLowerCase(Locale.ROOT),
        text(form, "Title", 64),
        text(form, "Greeting", 500),
        logo,
        position,
        text(form, "Availability", 120),
        fields(form.string("PreEngagementFields", 8192)),
        form.bool("Sound"));
  }

  private static String text(Params form, String name, int max) {
    String value = form.string(name, max);
    if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw ApiException.invalid(name, "must not hold control characters");
    }
    return value == null ? null : value.strip();
  }

  /**
   * The visitor's browser loads the logo, Parley never does: it must be https (so a page served
   * over https shows it), absolute, and carry no user name or password.
   */
  private static void checkLogo(String logo) {
    try {
      URI uri = new URI(logo);
      if ("https".equalsIgnoreCase(uri.getScheme())
          && uri.getHost() != null
          && uri.getRawUserInfo() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw ApiException.invalid("LogoUrl", "must be an absolute https URL without credentials");
  }

  /**
   * {@code [{"key":"email","label":"E-mail","required":true},…]}: keys as the widget's {@code
   * data-fields} takes them ({@code friendlyName} is the name), labels of 1 to 64 characters.
   */
  private static List<Appearance.Field> fields(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? null : List.of();
    }
    JsonNode array;
    try {
      array = JsonInput.parse(value);
    } catch (java.io.IOException e) {
      throw ApiException.invalid("PreEngagementFields", "must be a JSON array of fields");
    }
    if (array == null || !array.isArray()) {
      throw ApiException.invalid("PreEngagementFields", "must be a JSON array of fields");
    }
    if (array.size() > MAX_FIELDS) {
      throw ApiException.invalid(
          "PreEngagementFields", "may hold at most " + MAX_FIELDS + " fields");
    }
    List<Appearance.Field> fields = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (JsonNode item : array) {
      JsonNode key = item.get("key");
      JsonNode label = item.get("label");
      JsonNode required = item.get("required");
      if (!item.isObject()
          || key == null
          || !key.isTextual()
          || !KEY.matcher(key.asText()).matches()) {
        throw ApiException.invalid(
            "PreEngagementFields", "each field needs a key of letters, digits and _ (at most 40)");
      }
      if (label == null
          || !label.isTextual()
          || label.asText().isBlank()
          || label.asText().length() > 64) {
        throw ApiException.invalid(
            "PreEngagementFields",
            "field " + key.asText() + " needs a label of 1 to 64 characters");
      }
      if (required != null && !required.isBoolean()) {
        throw ApiException.invalid(
            "PreEngagementFields", "field " + key.asText() + ": required must be true or false");
      }
      if (!keys.add(key.asText())) {
        throw ApiException.invalid("PreEngagementFields", "field " + key.asText() + " is twice");
      }
      fields.add(
          new Appearance.Field(
              key.asText(), label.asText().strip(), required != null && required.asBoolean()));
    }
    return fields;
  }
}
