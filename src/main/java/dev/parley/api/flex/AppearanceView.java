package dev.parley.api.flex;

import dev.parley.webchat.Appearance;
import java.util.List;

/**
 * A deployment's widget look on the wire, snake_case: in the deployment resource and as the answer
 * of the widget's {@code POST /parley/v1/Webchat/Appearance}. Unset values are {@code null}.
 */
record AppearanceView(
    String color,
    String title,
    String greeting,
    String logoUrl,
    String launcherPosition,
    String availability,
    List<FieldView> preEngagementFields,
    boolean sound) {

  record FieldView(String key, String label, boolean required) {}

  static AppearanceView of(Appearance a) {
    return new AppearanceView(
        a.color(),
        a.title(),
        a.greeting(),
        a.logoUrl(),
        a.launcherPosition(),
        a.availability(),
        a.preEngagementFields().stream()
            .map(f -> new FieldView(f.key(), f.label(), f.required()))
            .toList(),
        Boolean.TRUE.equals(a.sound()));
  }
}
