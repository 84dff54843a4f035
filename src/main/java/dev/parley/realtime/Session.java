package dev.parley.realtime;

import dev.parley.auth.AccessGrant;

/**
 * One Twilsock connection whose {@code init} succeeded, as the realtime services see it. Every
 * tunnelled request of the connection acts as {@link #grant()}'s identity: the requests themselves
 * carry no credentials.
 */
public interface Session {
  /** Unique for the life of the server; stable for the life of the connection. */
  String id();

  /** The grant of the newest token the client sent ({@code init}, then each {@code update}). */
  AccessGrant grant();

  /**
   * Sends a {@code notification} frame with this {@code message_type} and {@code payload} (any
   * value Jackson writes as a JSON object). Safe from any thread; frames from one thread go out in
   * call order. Does nothing once the connection is closed. Throws {@link IllegalArgumentException}
   * when {@code payload} is not a JSON object.
   */
  void notify(String messageType, Object payload);

  /**
   * {@link #notify(String, Object)}, then runs {@code whenAcknowledged} on the connection's event
   * loop (quick: no waits) once the client acknowledges the frame. The SDK acknowledges each
   * notification as it parses it, and handles it a moment later, on a timer of its own
   * (docs/realtime-protocol.md §4.5); a client that acknowledges nothing never runs it.
   */
  void notify(String messageType, Object payload, Runnable whenAcknowledged);

  /**
   * {@link #notify(String, Object, Runnable)} of a payload already written: {@code payload} is a
   * JSON object's bytes, such as one event's notification, written once for all its subscribers.
   */
  void notifyWritten(String messageType, byte[] payload, Runnable whenAcknowledged);

  boolean isOpen();

  /**
   * Asks the client to reconnect and catch up (a {@code close} with 308, docs/realtime-protocol.md
   * §2.7): for when this node may have missed changes the client should have heard of. Safe from
   * any thread.
   */
  void reconnect(String why);
}
