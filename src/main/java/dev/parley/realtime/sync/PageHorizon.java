package dev.parley.realtime.sync;

/**
 * What an item page may show one session of one object: the items created up to event {@code
 * lastEventId}, in a reply sent no sooner than {@code holdNanos} from now (see {@link
 * Subscriptions#horizon}).
 */
record PageHorizon(long lastEventId, long holdNanos) {
  /** A session told nothing of the object: pages show every item. */
  static final PageHorizon EVERYTHING = new PageHorizon(Long.MAX_VALUE, 0);

  static PageHorizon at(long lastEventId) {
    return new PageHorizon(lastEventId, 0);
  }

  boolean shows(long createdEventId) {
    return createdEventId <= lastEventId;
  }
}
