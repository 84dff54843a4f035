package dev.parley.conversation;

/** How an update applies to a field: a value the caller sent replaces it, null leaves it. */
public final class Changes {
  private Changes() {}

  /** {@code change} when the caller sent one, else {@code current}. */
  public static <T> T or(T change, T current) {
    return change == null ? current : change;
  }
}
