package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.Store;
import dev.parley.testing.SqliteOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SqliteOnly
class WalCheckpointsTest {
  @TempDir Path dir;

  /**
   * Nothing writes after the last commit, yet its pages reach the database file: a thread of the
   * store copies the log, where SQLite left it to the commit that crossed its threshold (then the
   * writer's, with every write queued behind it).
   */
  @Test
  void the_log_is_copied_into_the_database_file_without_another_commit() throws Exception {
    Path file = dir.resolve("checkpoint.db");
    try (Store store = SqliteStore.open(file)) {
      long before = Files.size(file);
      store.write(
          tx -> {
            SqlTx.of(tx).execute("CREATE TABLE blobs (b BLOB NOT NULL)");
            for (int i = 0; i < 64; i++) {
              SqlTx.of(tx).execute("INSERT INTO blobs (b) VALUES (randomblob(16384))");
            }
            return null;
          });

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (Files.size(file) < before + 1_000_000 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(50);
      }

      assertThat(Files.size(file)).isGreaterThanOrEqualTo(before + 1_000_000);
    }
  }
}
