package dev.parley.store.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Parley's data directory and every file in it readable by their owner only (0700 and 0600)
 * on POSIX systems, whatever the umask: the database holds every message, and the master key next
 * to it opens the stored secrets. A directory or file found more open has its group and other
 * permissions taken away, and the log says so. Elsewhere (Windows) the platform's defaults stay.
 */
public final class OwnerOnlyFiles {
  private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private OwnerOnlyFiles() {}

  /** Creates {@code dir} (0700) when missing, else tightens it and every file directly in it. */
  public static void directory(Path dir) {
    try {
      if (Files.notExists(dir)) {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try {
          create(dir, true);
        } catch (FileAlreadyExistsException e) {
          // Another process made it meanwhile: tightened below like any existing one.
        }
      }
      if (!posix(dir)) {
        return;
      }
      tighten(dir);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path file : files) {
          if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            tighten(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create or secure data directory " + dir, e);
    }
  }

  /**
   * Makes the SQLite database {@code file} owner-only before SQLite opens it: creates its directory
   * and the file itself (empty, which SQLite takes as a new database) when missing. SQLite gives
   * the {@code -wal} and {@code -shm} files it creates later the database file's permissions
   * (os_unix.c, {@code findCreateFileMode}), so they are owner-only too; any left by an earlier run
   * are tightened here.
   */
  public static void database(Path file) {
    directory(file.toAbsolutePath().getParent());
    try {
      if (Files.notExists(file)) {
        create(file, false);
      }
    } catch (FileAlreadyExistsException e) {
      // Made meanwhile: it is tightened below.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      Path path = file.resolveSibling(file.getFileName() + suffix);
      try {
        if (Files.exists(path) && posix(path)) {
          tighten(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot secure " + path, e);
      }
    }
  }

  private static void create(Path path, boolean directory) throws IOException {
    if (!posix(path.toAbsolutePath().getParent())) {
      if (directory) {
        Files.createDirectory(path);
      } else {
        Files.createFile(path);
      }
      return;
    }
    // The umask may only take permissions away, so asking for 0700/0600 gives exactly that.
    if (directory) {
      Files.createDirectory(path, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(FILE));
    }
  }

  private static void tighten(Path path) throws IOException {
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
    if (OWNER.containsAll(now)) {
      return;
    }
    Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
    kept.addAll(now);
    kept.retainAll(OWNER);
    Files.setPosixFilePermissions(path, kept);
    log.warn(
        "event=permissions_tightened path={} was={} now={}",
        path,
        PosixFilePermissions.toString(now),
        PosixFilePermissions.toString(kept));
  }

  private static boolean posix(Path path) {
    return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
  }
}
