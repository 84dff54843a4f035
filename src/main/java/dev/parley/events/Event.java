package dev.parley.events;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A committed change as webhooks and realtime clients hear of it. {@code change} is what changed,
 * typed (its kind follows from {@code type}); listeners read it, not the fields. {@code fields} are
 * the form fields Twilio sends for the event (what the outbox stores and webhooks carry), the
 * common ones ({@code AccountSid}, {@code EventType}, {@code Source}, {@code ClientIdentity},
 * {@code ChatServiceSid}) included; only {@code RetryCount} is added per attempt.
 */
public record Event(
    LongSupplier sequence,
    EventType type,
    String accountSid,
    String serviceSid,
    String conversationSid,
    Origin origin,
    Map<String, String> fields,
    Instant dateCreated,
    Change change) {

  /** An event whose sequence number is known. */
  public Event(
      long seq,
      EventType type,
      String accountSid,
      String serviceSid,
      String conversationSid,
      Origin origin,
      Map<String, String> fields,
      Instant dateCreated,
      Change change) {
    this(
        () -> seq,
        type,
        accountSid,
        serviceSid,
        conversationSid,
        origin,
        fields,
        dateCreated,
        change);
  }

  public Event {
    if (type.change() == null || !type.change().isInstance(change)) {
      throw new IllegalArgumentException(type + " cannot be about " + change);
    }
  }

  /**
   * The event's place in the outbox. Within its transaction the store may not have sent it yet (see
   * {@link dev.parley.store.EventStore#append}); asking sends it, so ask only where needed.
   */
  public long seq() {
    return sequence.getAsLong();
  }

  /** The change as the kind its type carries ({@link EventType#change()}). */
  public <C extends Change> C change(Class<C> kind) {
    if (!kind.isInstance(change)) {
      throw new IllegalStateException(type + " is not about a " + kind.getSimpleName());
    }
    return kind.cast(change);
  }
}
