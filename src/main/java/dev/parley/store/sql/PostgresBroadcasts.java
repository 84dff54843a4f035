package dev.parley.store.sql;

import dev.parley.store.Broadcasts;
import dev.parley.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts between the nodes of one PostgreSQL database with NOTIFY, which PostgreSQL delivers
 * when (and only if) the sending transaction commits, in commit order, to every session that
 * LISTENs. A message too big for a notification (PostgreSQL's limit is 8,000 bytes) is kept in
 * {@code broadcasts} and the notification carries its number instead.
 */
final class PostgresBroadcasts implements Broadcasts, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresBroadcasts.class);

  /** Under PostgreSQL's 8,000-byte payload limit, leaving room for the channel name. */
  private static final int MAX_INLINE_BYTES = 7_000;

  /** Marks a notification that names a stored message instead of carrying it. */
  private static final char STORED = '#';

  private static final long RECONNECT_MS = 1_000;

  /** How long the receiver waits for notifications before it looks for new channels. */
  private static final int POLL_MS = 25;

  /** How long {@link #listen} waits for the channel to be heard before it goes on regardless. */
  private static final long LISTEN_WAIT_MS = 10_000;

  /**
   * How often the receiver asks its connection for an answer, and how long it waits for it: a
   * connection that died without a word (a network cut) is noticed within about twice this.
   */
  private static final long PING_MS = 5_000;

  private final DatabaseUrl url;
  private final Jdbi jdbi;
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final Thread receiver;
  private final List<Runnable> missed = new CopyOnWriteArrayList<>();
  private final List<Consumer<Boolean>> hearing = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Each channel asked for, done once the receiving connection LISTENs to it. */
  private final Map<String, CompletableFuture<Void>> heard = new ConcurrentHashMap<>();

  PostgresBroadcasts(DatabaseUrl url, DataSource pool) {
    this.url = url;
    this.jdbi = Jdbis.create(pool);
    this.receiver = new Thread(this::receive, "parley-broadcasts");
    receiver.setDaemon(true);
  }

  void start() {
    receiver.start();
  }

  /**
   * A group-committed write's notifications go with the others of its batch, in one statement just
   * before the commit ({@link #notifyAll}); PostgreSQL delivers them at the commit either way.
   */
  @Override
  public void send(Tx tx, String channel, String message) {
    Handle handle = SqlTx.of(tx);
    String payload = payload(handle, message);
    if (!((SqlTx) tx).notifyAtCommit(channel, payload)) {
      notify(handle, channel, payload);
    }
  }

  /** In a group-committed write, {@code message} is made when its batch's notifications are. */
  @Override
  public void send(Tx tx, String channel, Supplier<String> message) {
    Handle handle = SqlTx.of(tx);
    if (!((SqlTx) tx).notifyAtCommit(channel, () -> payload(handle, message.get()))) {
      notify(handle, channel, payload(handle, message.get()));
    }
  }

  @Override
  public void sendNow(String channel, String message) {
    jdbi.useHandle(handle -> notify(handle, channel, payload(handle, message)));
  }

  /** A function scan yields the arrays' elements in order, so they are sent in order. */
  private static final String NOTIFY_ALL =
      "SELECT count(pg_notify(c, p)) FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS n(c, p)";

  /** Sends {@code notifications} (channel and payload pairs) in order, in one round trip. */
  static void notifyAll(Handle handle, List<String[]> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    DirectStatements.query(handle, NOTIFY_ALL, arrays(notifications), rows -> null);
  }

  /** The statement that sends {@code notifications} (not empty), to send with others. */
  static Pipeline.Held notifying(List<String[]> notifications) {
    return new Pipeline.Held(NOTIFY_ALL, arrays(notifications), null, null);
  }

  private static Pipeline.Binder arrays(List<String[]> notifications) {
    String[] channels = new String[notifications.size()];
    String[] payloads = new String[notifications.size()];
    for (int i = 0; i < channels.length; i++) {
      channels[i] = notifications.get(i)[0];
      payloads[i] = notifications.get(i)[1];
    }
    return (statement, first) -> {
      statement.setArray(first, statement.getConnection().createArrayOf("text", channels));
      statement.setArray(first + 1, statement.getConnection().createArrayOf("text", payloads));
      return first + 2;
    };
  }

  private static void notify(Handle handle, String channel, String payload) {
    handle
        .createQuery("SELECT pg_notify(:channel, :payload)")
        .bind("channel", channel)
        .bind("payload", payload)
        .mapTo(String.class)
        .one();
  }

  /** What a notification carries for {@code message}: itself, or where it is kept. */
  private static String payload(Handle handle, String message) {
    String payload = message;
    if (message.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_BYTES) {
      long seq =
          handle
              .createQuery("INSERT INTO broadcasts (message) VALUES (:message) RETURNING seq")
              .bind("message", message)
              .mapTo(Long.class)
              .one();
      // Old stored messages have long been read by every node that was up.
      handle
          .createUpdate("DELETE FROM broadcasts WHERE seq < :old")
          .bind("old", seq - 10_000)
          .execute();
      payload = STORED + Long.toString(seq);
    }
    return payload;
  }

  @Override
  public void whenMissed(Runnable action) {
    missed.add(action);
  }

  /**
   * Returns once the channel is heard, so that nothing committed after it is missed (a node starts
   * serving only when its channels are heard).
   */
  @Override
  public void listen(String channel, Consumer<String> listener) {
    try {
      subscribe(channel, listener).get(LISTEN_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("event=broadcast_channel_not_heard_yet channel={}", channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Has {@code listener} hear {@code channel}; done once the channel is listened to. */
  CompletableFuture<Void> subscribe(String channel, Consumer<String> listener) {
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    return heard.computeIfAbsent(channel, c -> new CompletableFuture<>());
  }

  /**
   * Tells {@code listener} true each time the receiving connection (again) listens to every channel
   * subscribed before {@link #start}, so that nothing committed from then on is missed, and false
   * as soon as it is lost (what is sent until it is back is missed). Called on the receiving
   * thread, in order with the messages.
   */
  void whenHearing(Consumer<Boolean> listener) {
    hearing.add(listener);
  }

  /**
   * LISTENs on a connection of its own (a pooled one would be handed to others) and dispatches what
   * arrives. A lost connection is opened again; what was sent meanwhile is missed, which a realtime
   * client makes good when it next reconnects and replays.
   */
  private void receive() {
    boolean lost = false;
    while (!closed) {
      try (Connection connection =
          DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
        connection.setNetworkTimeout(Runnable::run, (int) PING_MS);
        // Named in pg_stat_activity, where an operator looks for the node's listening sessions.
        connection.setClientInfo("ApplicationName", "parley-broadcasts");
        Set<String> listening = new HashSet<>();
        listenToNew(connection, listening);
        PGConnection pg = connection.unwrap(PGConnection.class);
        hearing.forEach(listener -> listener.accept(true));
        if (lost) {
          lost = false;
          missed.forEach(Runnable::run);
        }
        long pinged = System.nanoTime();
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(POLL_MS);
          for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
            LocalBroadcasts.dispatch(listeners, n.getName(), message(connection, n.getParameter()));
          }
          listenToNew(connection, listening);
          if (System.nanoTime() - pinged > TimeUnit.MILLISECONDS.toNanos(PING_MS)) {
            ping(connection);
            pinged = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        hearing.forEach(listener -> listener.accept(false));
        if (!closed) {
          lost = true;
          log.warn("event=broadcast_listener_reconnecting error={}", e.toString());
          sleep();
        }
      }
    }
  }

  /** LISTENs on this connection to the channels asked for since it last looked. */
  private void listenToNew(Connection connection, Set<String> listening) throws SQLException {
    for (Map.Entry<String, CompletableFuture<Void>> channel : heard.entrySet()) {
      if (listening.add(channel.getKey())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + channel.getKey());
        }
      }
      channel.getValue().complete(null);
    }
  }

  private static void ping(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }

  private static String message(Connection connection, String payload) throws SQLException {
    if (payload.isEmpty() || payload.charAt(0) != STORED) {
      return payload;
    }
    try (var query = connection.prepareStatement("SELECT message FROM broadcasts WHERE seq = ?")) {
      query.setLong(1, Long.parseLong(payload.substring(1)));
      try (var rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : "";
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RECONNECT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    receiver.interrupt();
  }
}
