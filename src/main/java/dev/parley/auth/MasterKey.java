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
