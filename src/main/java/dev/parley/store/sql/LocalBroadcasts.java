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
 * writer never waits for them.
 */
final class LocalBroadcasts implements Broadcasts, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalBroadcasts.class);
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
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

  private void dispatchMade(String channel, Supplier<String> message) {
    String made;
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
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /** Nothing is ever missed within one process. */
  @Override
  public void whenMissed(Runnable action) {}

  /** Hands {@code message} to each listener of {@code channel}; one that fails stops no other. */
  static void dispatch(
      Map<String, List<Consumer<String>>> listeners, String channel, String message) {
    for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
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
