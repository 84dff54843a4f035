package dev.parley.store.sql;

import dev.parley.store.MediaContent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The embedded store's media bytes: one file per medium in {@code <data-dir>/media/}, owner-only
 * like the database beside it. An upload is spooled into {@code media/incoming/}, synced, and
 * renamed into place (then the directory synced), so a file under its SID is always complete.
 */
final class MediaFiles implements MediaContent {
  private final Path root;
  private final Path incoming;

  MediaFiles(Path root) {
    this.root = root;
    this.incoming = root.resolve("incoming");
    OwnerOnlyFiles.directory(root);
    OwnerOnlyFiles.directory(incoming);
  }

  @Override
  public Path spoolFile() throws IOException {
    // createTempFile makes the file 0600 on POSIX systems.
    return Files.createTempFile(incoming, "upload-", ".part");
  }

  @Override
  public void put(String sid, Path spooled, long size) throws IOException {
    try (FileChannel file = FileChannel.open(spooled, StandardOpenOption.WRITE)) {
      file.force(true);
    }
    Files.move(spooled, file(sid), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public byte[] read(String sid, long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(file(sid).toFile(), "r")) {
      long left = file.length() - offset;
      if (left <= 0) {
        return new byte[0];
      }
      byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, left)];
      file.seek(offset);
      int read = file.read(chunk);
      return read == chunk.length ? chunk : Arrays.copyOf(chunk, Math.max(read, 0));
    }
  }

  @Override
  public void delete(String sid) throws IOException {
    try {
      Files.delete(file(sid));
    } catch (NoSuchFileException gone) {
      // Already deleted: nothing to do.
    }
  }

  private Path file(String sid) {
    if (!sid.matches("ME[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("not a media SID: " + sid);
    }
    return root.resolve(sid);
  }
}
