package dev.parley.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server key that seals stored secrets: from {@code PARLEY_MASTER_KEY} (base64 of 32 bytes), or
 * generated once into {@code <data dir>/master.key} readable by the owner only.
 */
public final class MasterKey {
  private MasterKey() {}

  public static byte[] load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return decode(configured.trim(), "PARLEY_MASTER_KEY");
    }
    Path file = dataDir.resolve("master.key");
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(
          file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      return key;
    } catch (FileAlreadyExistsException e) {
      return load(null, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /**
   * What an operator must do when the store's secrets do not open under this node's key: a node
   * joined a PostgreSQL store that another node, with another key, filled first.
   */
  public static String mismatch(String configured, Path dataDir) {
    String source =
        configured != null && !configured.isBlank()
            ? "PARLEY_MASTER_KEY"
            : dataDir.resolve("master.key").toString();
    return "the stored secrets were sealed under another master key than this node's (from "
        + source
        + "): every node on one database needs the same master key. Take the key of the node"
        + " that first started on this database: its PARLEY_MASTER_KEY (or --master-key) if it"
        + " had one, else the contents of its <data-dir>/master.key (default ./data/master.key)."
        + " Give that value as PARLEY_MASTER_KEY (or --master-key) on every node, and start this"
        + " node again";
  }

  private static byte[] decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64", e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          source + " must hold 32 bytes (base64), found " + key.length);
    }
    return key;
  }
}
