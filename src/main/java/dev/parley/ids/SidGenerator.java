package dev.parley.ids;

/** Makes new SIDs. Injected so tests can make them predictable. */
@FunctionalInterface
public interface SidGenerator {
  String next(SidPrefix prefix);
}
