package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.parley.store.Broadcasts;
import dev.parley.store.ConversationStore;
import dev.parley.store.DeliveryStore;
import dev.parley.store.EventStore;
import dev.parley.store.MediaContent;
import dev.parley.store.SyncStore;
import dev.parley.store.Tx;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The store for several Parley nodes: one PostgreSQL database, a pool of connections for reads and
 * a few writer connections that group-commit the writes ({@link PostgresGroupCommit}). Where
 * SQLite's single writer serialises everything, here concurrent transactions (of other writers, of
 * other nodes) may collide; a write that collides in a way PostgreSQL reports as retryable (a
 * serialization failure, a deadlock, or a unique key another transaction just took) runs again, so
 * its checks see the winner and answer as they would have in sequence.
 */
public final class PostgresStore extends SqlStore {
  /**
   * Writer threads (and their connections) of the group commit, besides the pool's. Two: one batch
   * runs while the other commits, and each takes the jobs that queued meanwhile (with four, a batch
   * of message posts under load held 4–5 posts and the database spent a third more CPU per post on
   * the batches' fixed statements; docs/benchmarks.md).
   */
  static final int WRITERS = Integer.getInteger("parley.postgresql.writers", 2);

  /**
   * The channel on which a write of a kept row (see {@link SharedReads}) tells every node to drop
   * what it keeps; {@code NOTIFY parley_kept, '*'} drops everything (after a change by hand).
   */
  static final String KEPT = "parley_kept";

  private final HikariDataSource pool;
  private final HikariDataSource writerConnections;
  private final PostgresGroupCommit writers;
  private final Jdbi jdbi;
  private final EventStore events = new SerializedEvents();
  private final ConversationStore conversations = new SqlConversations(" FOR UPDATE SKIP LOCKED");
  private final DeliveryStore deliveries = new SqlDeliveries(" FOR UPDATE SKIP LOCKED", true);
  private final SyncStore sync = new SqlSync(" FOR UPDATE");
  private final PostgresBroadcasts broadcasts;
  private final SharedReads sharedReads;
  private final MediaChunks mediaChunks;

  private PostgresStore(
      HikariDataSource pool, HikariDataSource writerConnections, DatabaseUrl database) {
    this.pool = pool;
    this.writerConnections = writerConnections;
    this.jdbi = Jdbis.create(pool);
    this.mediaChunks = new MediaChunks(jdbi);
    this.broadcasts = new PostgresBroadcasts(database, pool);
    // Configuration rows are kept on every node: each write of one tells every node at its commit,
    // and a node keeps nothing while it cannot hear that (until it listens, while reconnecting).
    this.sharedReads = new SharedReads((tx, message) -> broadcasts.send(tx, KEPT, message));
    broadcasts.subscribe(KEPT, sharedReads::heard);
    broadcasts.whenHearing(sharedReads::hearing);
    Jdbi writing = Jdbis.create(writerConnections);
    Pipeline.flushFirst(writing);
    this.writers = new PostgresGroupCommit(writing, WRITERS, sharedReads);
    broadcasts.start();
  }

  /**
   * Connects to the database {@code url} names and brings its schema up to date; {@code poolSize}
   * connections in all (besides the one that listens for notifications).
   */
  public static PostgresStore open(String url, int poolSize) {
    DatabaseUrl database = DatabaseUrl.parse(url);
    // The node's connections: the writers' and the rest for reads.
    HikariDataSource pool = pool(database, "parley-postgresql", Math.max(1, poolSize - WRITERS));
    try {
      if (Migrations.apply(pool, MigrationSet.POSTGRESQL)) {
        migrated(pool);
      }
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new PostgresStore(pool, pool(database, "parley-postgresql-writers", WRITERS), database);
  }

  private static HikariDataSource pool(DatabaseUrl database, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  /** Applies pending migrations to the database {@code url} names. */
  public static MigrationReport migrate(String url) {
    DatabaseUrl database = DatabaseUrl.parse(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    // Flyway holds one connection for its lock and migrates on another.
    config.setMaximumPoolSize(2);
    config.setPoolName("parley-migrate");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      String where = database.jdbcUrl().replaceFirst("\\?.*$", "");
      MigrationReport report =
          Migrations.migrate(
              pool,
              MigrationSet.POSTGRESQL,
              "PostgreSQL " + where + (database.user() == null ? "" : " as " + database.user()));
      if (!report.applied().isEmpty()) {
        migrated(pool);
      }
      return report;
    }
  }

  /** A migration may have changed kept rows: the nodes already running drop what they keep. */
  private static void migrated(DataSource pool) {
    Jdbis.create(pool)
        .useHandle(
            h ->
                PostgresBroadcasts.notifyAll(
                    h, List.<String[]>of(new String[] {KEPT, SharedReads.ALL})));
  }

  @Override
  public <T> T write(Function<Tx, T> work) {
    return writers.submit(null, work);
  }

  @Override
  public <T> T write(ConversationStore.IndexWanted wanted, Function<Tx, T> work) {
    return writers.submit(wanted, work);
  }

  @Override
  public <T> T read(Function<Tx, T> work) {
    return jdbi.inTransaction(
        handle -> {
          // One snapshot for all the reads, set for this transaction only and sent with its BEGIN:
          // setting the connection's level instead costs four more round trips (Jdbi reads it,
          // sets it, and puts it back), and the pooled connection must stay writable anyway.
          handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          return work.apply(new SqlTx(handle, sharedReads));
        });
  }

  @Override
  public <T> T readOne(Function<Tx, T> work) {
    // The pool's connections are in autocommit: the one statement is its own transaction.
    return jdbi.withHandle(handle -> work.apply(new SqlTx(handle, sharedReads)));
  }

  /** Reports the connection pool's usage (Hikari's metrics) to {@code tracker} from now on. */
  public void trackPool(MetricsTrackerFactory tracker) {
    pool.setMetricsTrackerFactory(tracker);
  }

  /** Rows of {@code media_chunks}, which every node reads. */
  @Override
  public MediaContent mediaContent() {
    return mediaChunks;
  }

  @Override
  public ConversationStore conversations() {
    return conversations;
  }

  @Override
  public SyncStore sync() {
    return sync;
  }

  @Override
  public DeliveryStore deliveries() {
    return deliveries;
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public Broadcasts broadcasts() {
    return broadcasts;
  }

  @Override
  public void close() {
    writers.close();
    broadcasts.close();
    writerConnections.close();
    pool.close();
  }

  /** How many writes wait for a writer (for tests that line writes up into one batch). */
  int queuedWrites() {
    return writers.queued();
  }

  /** The turns whose events {@code tx} appended (or waited for), in no order. */
  static Set<String> turnsOf(Tx tx) {
    return Set.copyOf(SerializedEvents.turns(tx));
  }

  /**
   * Events of one conversation must commit in the order of their sequence numbers, or a reader
   * could see event 11 before event 10 commits and deliver them out of order. A transaction-scoped
   * advisory lock on the conversation (or on the user, for a user's events) makes its events'
   * transactions take turns; other conversations' and users' events don't wait.
   */
  private static final class SerializedEvents extends SqlEvents {
    private static final String LOCK = "SELECT 1 FROM pg_advisory_xact_lock(hashtext(?))";

    @Override
    public LongSupplier append(Tx tx, dev.parley.store.EventRecord event, String turn) {
      if (!firstOf(tx, turn)) {
        return super.append(tx, event, turn);
      }
      // The lock and the insert in one round trip; the seq is taken once the lock is held.
      return RecordInsert.insertReturningAfter(SqlTx.of(tx), "events", event, "seq", LOCK, turn);
    }

    @Override
    public void serialize(Tx tx, String turn) {
      if (firstOf(tx, turn)) {
        SqlTx.of(tx).createQuery(LOCK).bind(0, turn).mapTo(Integer.class).one();
      }
    }

    /** Whether {@code turn} is not held yet: it is held until the transaction ends. */
    private static boolean firstOf(Tx tx, String turn) {
      return turns(tx).add(turn);
    }

    private static Set<String> turns(Tx tx) {
      return tx.memo(SerializedEvents.class, HashSet<String>::new);
    }
  }
}
