package dev.parley.store;

/**
 * A position in a keyset-ordered list: the sort key (and a tie-breaker) of the row a page starts
 * after, or, when {@code backward}, ends before. Turned into an opaque {@code PageToken} on the
 * wire.
 */
public record Cursor(boolean backward, long key, long tie) {}
