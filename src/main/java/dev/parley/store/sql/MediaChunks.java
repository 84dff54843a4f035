package dev.parley.store.sql;

import dev.parley.store.MediaContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL's media bytes: rows of {@link #CHUNK_BYTES} in {@code media_chunks}, so every node
 * serves every upload with no storage beside the database. An upload is spooled to a local
 * temporary file first (a slow client holds no connection), then copied in one transaction a chunk
 * at a time; a download reads one chunk per query.
 */
final class MediaChunks implements MediaContent {
  private final Jdbi jdbi;

  MediaChunks(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Path spoolFile() throws IOException {
    // createTempFile makes the file 0600 on POSIX systems.
    return Files.createTempFile("parley-upload-", ".part");
  }

  @Override
  public void put(String sid, Path spooled, long size) throws IOException {
    try (InputStream in = Files.newInputStream(spooled)) {
      jdbi.useTransaction(
          handle -> {
            handle.execute("DELETE FROM media_chunks WHERE media_sid = ?", sid);
            int n = 0;
            for (byte[] chunk = in.readNBytes(CHUNK_BYTES);
                chunk.length > 0;
                chunk = in.readNBytes(CHUNK_BYTES)) {
              // One row per statement: a batch would keep every chunk's bytes until it ran.
              handle
                  .createUpdate(
                      "INSERT INTO media_chunks (media_sid, n, data) VALUES (:sid, :n, :data)")
                  .bind("sid", sid)
                  .bind("n", n++)
                  .bind("data", chunk)
                  .execute();
            }
          });
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  @Override
  public byte[] read(String sid, long offset) {
    if (offset % CHUNK_BYTES != 0) {
      throw new IllegalArgumentException("offset must be a multiple of " + CHUNK_BYTES);
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT data FROM media_chunks WHERE media_sid = :sid AND n = :n")
                .bind("sid", sid)
                .bind("n", (int) (offset / CHUNK_BYTES))
                .mapTo(byte[].class)
                .findOne()
                .orElse(new byte[0]));
  }

  @Override
  public void delete(String sid) {
    jdbi.useHandle(handle -> handle.execute("DELETE FROM media_chunks WHERE media_sid = ?", sid));
  }
}
