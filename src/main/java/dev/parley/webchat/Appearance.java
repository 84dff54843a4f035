package dev.parley.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.json.Json;
import java.util.List;

/**
 * How a deployment's visitor widget looks (docs/widget.md, "Branding"): the launcher's and header's
 * colour ({@code #rrggbb}), the panel's title, the greeting above the form, a logo URL, the
 * launcher's corner, the availability line under the title, the pre-engagement fields with their
 * labels, and whether a new message plays a sound. Null (or an empty list) leaves the widget's own
 * default, or the embedding page's data attribute.
 */
public record Appearance(
    String color,
    String title,
    String greeting,
    String logoUrl,
    String launcherPosition,
    String availability,
    List<Field> preEngagementFields,
    Boolean sound) {
  private static final ObjectMapper JSON = Json.MAPPER;

  public static final Appearance NONE =
      new Appearance(null, null, null, null, null, null, null, null);

  /**
   * A pre-engagement field: its key in {@code PreEngagementData}, its label, and whether required.
   */
  public record Field(String key, String label, boolean required) {}

  public Appearance {
    preEngagementFields =
        preEngagementFields == null ? List.of() : List.copyOf(preEngagementFields);
  }

  /**
   * This appearance with {@code changes} applied: a null member keeps the current value, an empty
   * string (or, for the fields, an empty list given as {@code []}) clears it.
   */
  public Appearance with(Appearance changes, boolean fieldsGiven) {
    return new Appearance(
        change(changes.color, color),
        change(changes.title, title),
        change(changes.greeting, greeting),
        change(changes.logoUrl, logoUrl),
        change(changes.launcherPosition, launcherPosition),
        change(changes.availability, availability),
        fieldsGiven ? changes.preEngagementFields : preEngagementFields,
        changes.sound == null ? sound : changes.sound);
  }

  private static String change(String given, String current) {
    return given == null ? current : given.isEmpty() ? null : given;
  }

  /** As stored (the deployments table's {@code appearance} column). */
  public String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Appearance parse(String stored) {
    try {
      return stored == null || stored.isBlank() ? NONE : JSON.readValue(stored, Appearance.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored appearance is not JSON", e);
    }
  }
}
