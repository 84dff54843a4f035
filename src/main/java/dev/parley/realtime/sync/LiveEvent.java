package dev.parley.realtime.sync;

/**
 * A committed change on its way to the subscribers of its object. Its notification is the same for
 * every subscriber, so it is written once, by the first that sends it, rather than once per
 * subscriber (ten times a post in a conversation of ten connected members).
 */
final class LiveEvent {
  final SyncEvent event;

  /** Written on first use; a race writes the same bytes twice, harmlessly. */
  private volatile byte[] notification;

  LiveEvent(SyncEvent event) {
    this.event = event;
  }

  long id() {
    return event.id();
  }

  /** The notification's payload, {@link SyncEvent#payload} as JSON. */
  byte[] notification() {
    byte[] written = notification;
    if (written == null) {
      written = SyncJson.bytes(event.payload());
      notification = written;
    }
    return written;
  }
}
