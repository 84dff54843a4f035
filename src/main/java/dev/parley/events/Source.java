package dev.parley.events;

/** Where an action came from, as webhooks report it in {@code Source}. */
public enum Source {
  /** The REST API (and Parley's own timers and orchestrations). */
  API,
  /** A realtime (SDK) client, named by {@code ClientIdentity}. */
  SDK
}
