package dev.parley.store;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Messages to every Parley node sharing this store, this one included: how a change committed on
 * one node reaches the realtime clients connected to another. On PostgreSQL they travel by
 * LISTEN/NOTIFY; the embedded store has one node, so they stay in the process.
 */
public interface Broadcasts {
  /**
   * Sends {@code message} on {@code channel} once {@code tx} commits, and never if it rolls back.
   * Listeners hear the messages of committed transactions in commit order.
   */
  void send(Tx tx, String channel, String message);

  /**
   * {@link #send(Tx, String, String)} of a message made from immutable values by {@code message}: a
   * store whose messages never leave the process makes it after the commit, off the thread that
   * commits (the embedded store's single writer), rather than inside the transaction.
   */
  default void send(Tx tx, String channel, Supplier<String> message) {
    send(tx, channel, message.get());
  }

  /**
   * A channel whose messages are values of {@code T}, written as text only where they leave the
   * process: within one process (the embedded store) listeners get the very value sent, neither
   * encoded nor decoded. A channel is sent and heard either through its {@code Channel} or as text,
   * the same way on every node. Values sent must not change afterwards: every listener gets the
   * same one.
   */
  record Channel<T>(String name, Function<T, String> encode, Function<String, T> decode) {}

  /** {@link #send(Tx, String, Supplier)} on a typed {@code channel}. */
  default <T> void send(Tx tx, Channel<T> channel, Supplier<T> message) {
    send(tx, channel.name(), () -> channel.encode().apply(message.get()));
  }

  /** {@link #listen(String, Consumer)} to a typed {@code channel}. */
  default <T> void listen(Channel<T> channel, Consumer<T> listener) {
    listen(channel.name(), text -> listener.accept(channel.decode().apply(text)));
  }

  /** Sends {@code message} now, outside any transaction (typing indicators). */
  void sendNow(String channel, String message);

  /**
   * Hears every message on {@code channel} from now on, in the order sent, on one thread of the
   * store's: a listener must be quick and must not block.
   */
  void listen(String channel, Consumer<String> listener);

  /**
   * Runs {@code action} whenever messages may have been missed (the listening connection to the
   * database was lost), once listening again.
   */
  void whenMissed(Runnable action);
}
