package dev.parley.json;

import dev.parley.error.ApiException;

/**
 * A resource's {@code Attributes} (a conversation's, participant's, message's or user's): JSON
 * text, checked once where it comes in. The services take only this type, so text nobody checked
 * cannot reach the store: a client's text becomes one through {@link #parse} (the one parse, {@link
 * JsonInput}'s limits), JSON Parley wrote itself or read back from the store through {@link
 * #trusted}.
 */
public final class Attributes {
  /** What a resource created without attributes holds. */
  public static final Attributes EMPTY = new Attributes("{}");

  private final String json;

  private Attributes(String json) {
    this.json = json;
  }

  /**
   * A client's text for parameter {@code name}, null when absent; a 400 naming the parameter when
   * it is not JSON or nested deeper than {@link JsonInput#MAX_DEPTH}.
   */
  public static Attributes parse(String name, String text) {
    if (text == null) {
      return null;
    }
    String problem = JsonInput.problem(text);
    if (problem != null) {
      throw ApiException.invalid(name, problem);
    }
    return new Attributes(text);
  }

  /**
   * JSON that needs no check: written by Parley itself (with {@link Json#MAPPER} from a bounded
   * parse, or a literal) or read back from the store, where only checked text goes. Null stays
   * null.
   */
  public static Attributes trusted(String json) {
    return json == null ? null : new Attributes(json);
  }

  /** The JSON text, as the client sent it. */
  public String json() {
    return json;
  }

  /** The text of {@code attributes}, null when absent (an update that leaves them as they are). */
  public static String json(Attributes attributes) {
    return attributes == null ? null : attributes.json;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Attributes a && a.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }
}
