package dev.parley.store;

import java.util.List;
import java.util.function.Function;

/** One page of rows, with the cursors of the pages beside it (null where there is none). */
public record Slice<T>(List<T> items, Cursor next, Cursor previous) {
  public <R> Slice<R> map(Function<T, R> mapper) {
    return new Slice<>(items.stream().map(mapper).toList(), next, previous);
  }
}
