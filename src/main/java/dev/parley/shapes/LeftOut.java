package dev.parley.shapes;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A store record's component that a shape deliberately does not carry, and why. Each entity lists
 * its own ({@code ConversationShapes.LEFT_OUT}…); {@code ShapesCoverageTest} checks the lists both
 * ways: a component missing from a shape must be listed, a listed one must be missing.
 */
public record LeftOut(Shape shape, String component, String why) {

  /** The components of {@code list} left out of {@code shape}. */
  public static Set<String> of(List<LeftOut> list, Shape shape) {
    return list.stream()
        .filter(l -> l.shape() == shape)
        .map(LeftOut::component)
        .collect(Collectors.toSet());
  }
}
