package dev.parley.store.sql;

import dev.parley.store.Broadcasts;
import dev.parley.store.Tx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts within one process, for the embedded store's single node. The writer commits in order
 * and hands each message to one dispatching thread, so listeners hear them in commit order and the
 * writer never waits for them. A message on a typed {@link Channel} is never encoded: its listeners
 * get the value sent.
 */
final class LocalBroadcasts implements Broadcasts, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalBroadcasts.class);

  /** Each hears a channel's messages as sent: text, or the values of a typed channel. */
  private final Map<String, List<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-broadcasts");
            t.setDaemon(true);
            return t;
          });

  @Override
  public void send(Tx tx, String channel, String message) {
    tx.afterCommit(() -> sendNow(channel, message));
  }

  /** Made on the dispatching thread: the writer only queues it, in commit order. */
  @Override
  public void send(Tx tx, String channel, Supplier<String> message) {
    tx.afterCommit(() -> dispatcher.execute(() -> dispatchMade(channel, message)));
  }

  /** Made on the dispatching thread, like the text above, and handed over as it is. */
  @Override
  public <T> void send(Tx tx, Channel<T> channel, Supplier<T> message) {
    tx.afterCommit(() -> dispatcher.execute(() -> dispatchMade(channel.name(), message)));
  }

  private void dispatchMade(String channel, Supplier<?> message) {
    Object made;
    try {
      made = message.get();
    } catch (RuntimeException e) {
      log.error("event=broadcast_message_failed channel={}", channel, e);
      return;
    }
    dispatch(listeners, channel, made);
  }

  @Override
  public void sendNow(String channel, String message) {
    dispatcher.execute(() -> dispatch(listeners, channel, message));
  }

  @Override
  public void listen(String channel, Consumer<String> listener) {
    listeners
        .computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>())
        .add(message -> listener.accept((String) message));
  }

  @Override
  @SuppressWarnings("unchecked") // only values of T are sent on a typed channel
  public <T> void listen(Channel<T> channel, Consumer<T> listener) {
    listeners
        .computeIfAbsent(channel.name(), c -> new CopyOnWriteArrayList<>())
        .add(message -> listener.accept((T) message));
  }

  /** Nothing is ever missed within one process. */
  @Override
  public void whenMissed(Runnable action) {}

  /** Hands {@code message} to each listener of {@code channel}; one that fails stops no other. */
  static <M> void dispatch(Map<String, List<Consumer<M>>> listeners, String channel, M message) {
    for (Consumer<M> listener : listeners.getOrDefault(channel, List.of())) {
      try {
        listener.accept(message);
      } catch (RuntimeException e) {
        log.error("event=broadcast_listener_failed channel={}", channel, e);
      }
    }
  }

  @Override
  public void close() {
    dispatcher.shutdown();
  }
}
