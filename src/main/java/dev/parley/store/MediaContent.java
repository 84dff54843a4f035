package dev.parley.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the bytes of media live (docs/media.md): files in the data directory for the embedded
 * store, 256 KB rows for PostgreSQL; an S3-compatible object store would be a third implementation
 * (a PUT of the spooled file, ranged GETs, a DELETE). Every call blocks; nothing holds a whole file
 * in memory. Not transactional: bytes are written before their {@link MediaRecord} and deleted
 * after it, so a record never names missing bytes.
 */
public interface MediaContent {
  /** The size of the pieces {@link #read} hands out. */
  int CHUNK_BYTES = 256 * 1024;

  /**
   * A new, empty file to spool an upload into, on a disk this store can move it from cheaply. The
   * caller writes and syncs it, then gives it to {@link #put} or deletes it.
   */
  Path spoolFile() throws IOException;

  /**
   * Keeps {@code spooled}'s {@code size} bytes as medium {@code sid}, durably before it returns,
   * and takes the file away (moved or deleted).
   */
  void put(String sid, Path spooled, long size) throws IOException;

  /** At most {@link #CHUNK_BYTES} bytes of {@code sid} from {@code offset}; empty at the end. */
  byte[] read(String sid, long offset) throws IOException;

  /** Deletes the bytes of {@code sid}; nothing happens when there are none. */
  void delete(String sid) throws IOException;
}
