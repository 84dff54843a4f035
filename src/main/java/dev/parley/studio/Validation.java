package dev.parley.studio;

import java.util.List;

/** A definition's validation: errors make it invalid, warnings do not. */
public record Validation(List<Problem> errors, List<Problem> warnings) {
  public boolean valid() {
    return errors.isEmpty();
  }
}
