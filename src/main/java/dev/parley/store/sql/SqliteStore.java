package dev.parley.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.store.Broadcasts;
import dev.parley.store.MediaContent;
import dev.parley.store.Tx;
import java.nio.file.Path;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode. Writes go through a {@link GroupCommitWriter};
 * reads use a small pool of read-only connections that WAL lets run beside the writer.
 */
public final class SqliteStore extends SqlStore {
  /** The writer connection's page cache, KiB (SQLite's {@code cache_size} in its negative form). */
  private static final int WRITER_CACHE_KIB = 64 * 1024;

  private final HikariDataSource readers;
  private final GroupCommitWriter writer;
  private final WalCheckpoints checkpoints;
  private final Jdbi readJdbi;
  private final LocalBroadcasts broadcasts = new LocalBroadcasts();
  private final SharedReads sharedReads = new SharedReads();
  private final MediaFiles mediaFiles;

  private SqliteStore(
      SQLiteDataSource writeSource,
      SQLiteDataSource checkpointSource,
      HikariDataSource readers,
      Path media) {
    this.readers = readers;
    this.mediaFiles = new MediaFiles(media);
    this.readJdbi = Jdbis.create(readers);
    this.writer =
        new GroupCommitWriter(
            Jdbis.create(writeSource)
                .setStatementBuilderFactory(c -> new CachingStatementBuilder()),
            sharedReads);
    this.checkpoints = new WalCheckpoints(checkpointSource, writer::checkpointBetweenBatches);
  }

  /** Opens (creating and migrating when needed) the store in {@code file}. */
  public static SqliteStore open(Path file) {
    OwnerOnlyFiles.database(file);
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    SQLiteDataSource writeSource = new SQLiteDataSource(config(false));
    writeSource.setUrl(url);
    SQLiteDataSource checkpointSource = new SQLiteDataSource(config(false));
    checkpointSource.setUrl(url);
    Migrations.apply(writeSource, MigrationSet.SQLITE);
    // One process owns the file: leases of webhook lanes left by a previous one that died are
    // nobody's, so the lanes go out at once instead of after the lease runs out.
    Jdbis.create(writeSource).useHandle(h -> h.execute("DELETE FROM webhook_lanes"));
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(url);
    pool.setMaximumPoolSize(4);
    pool.setPoolName("parley-sqlite-readers");
    pool.setReadOnly(true);
    pool.setDataSourceProperties(config(true).toProperties());
    return new SqliteStore(
        writeSource,
        checkpointSource,
        new HikariDataSource(pool),
        file.toAbsolutePath().resolveSibling("media"));
  }

  /** Applies pending migrations to the store in {@code file} (creating it when missing). */
  public static MigrationReport migrate(Path file) {
    OwnerOnlyFiles.database(file);
    SQLiteDataSource source = new SQLiteDataSource(config(false));
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return Migrations.migrate(source, MigrationSet.SQLITE, "SQLite " + file.toAbsolutePath());
  }

  private static SQLiteConfig config(boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a commit is on disk before the caller hears of it. The group commit pays for it.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    // Else the driver matches every statement against a pattern and, for an INSERT, prepares and
    // runs `SELECT last_insert_rowid()` after it; nothing here reads generated keys.
    config.setGetGeneratedKeys(false);
    // The group commit's savepoints make SQLite copy each page a job changes, if an earlier job of
    // the batch changed it too, into a sub-journal; on disk that was ~20 writes per web chat.
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // No connection checkpoints when it commits: the writer would copy the log into the file, and
    // fsync it, while every write waited; WalCheckpoints does it beside the writer.
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
    if (!readOnly) {
      // The writer's page cache (SQLite's default is 2 MB): every message changes the newest leaf
      // of each index per conversation it is in, and 64 busy conversations' leaves did not fit, so
      // the writer read its own pages back from the file (`pread`, ~9 % of its CPU in a profile).
      config.setCacheSize(-WRITER_CACHE_KIB);
    }
    config.setBusyTimeout(10_000);
    config.setReadOnly(readOnly);
    config.setTransactionMode(
        readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
    return config;
  }

  @Override
  public <T> T write(Function<Tx, T> work) {
    return writer.submit(work);
  }

  @Override
  public <T> T read(Function<Tx, T> work) {
    return readJdbi.inTransaction(handle -> work.apply(new SqlTx(handle, sharedReads)));
  }

  @Override
  public <T> T readOne(Function<Tx, T> work) {
    // The pool's connections are in autocommit: the one statement is its own snapshot, and a
    // lookup answered from SharedReads (a request's service, every message post) runs none, where
    // a transaction cost a BEGIN, a COMMIT and two autocommit switches through the driver.
    // Nor is a connection borrowed for it: the handle opens at the first statement, if any.
    SqlTx tx = SqlTx.opening(readJdbi::open, sharedReads);
    try {
      return work.apply(tx);
    } finally {
      tx.closeOpened();
    }
  }

  /** Files in {@code media/} beside the database file. */
  @Override
  public MediaContent mediaContent() {
    return mediaFiles;
  }

  @Override
  public Broadcasts broadcasts() {
    return broadcasts;
  }

  @Override
  public void close() {
    writer.close();
    checkpoints.close();
    readers.close();
    broadcasts.close();
  }
}
