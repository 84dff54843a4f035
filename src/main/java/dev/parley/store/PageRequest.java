package dev.parley.store;

/** Which page of a list to read: at most {@code size} rows from {@code cursor} (null = first). */
public record PageRequest(int size, Cursor cursor) {
  public static PageRequest first(int size) {
    return new PageRequest(size, null);
  }
}
