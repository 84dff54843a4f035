package dev.parley.ids;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * SIDs that start with the time and end with 80 bits from a secure random source: they cannot be
 * guessed, and SIDs made one after the other sort together, so a new row's entry in every index on
 * a SID (or on a name made from one) lands beside the last one's instead of on a random page. That
 * keeps a store's writes to a few pages per commit however large the tables grow.
 */
public final class RandomSids implements SidGenerator {
  private static final HexFormat HEX = HexFormat.of();
  private static final int TIME_BYTES = 6;
  private final SecureRandom random = new SecureRandom();

  @Override
  public String next(SidPrefix prefix) {
    return prefix.letters() + HEX.formatHex(timeThenRandom());
  }

  /**
   * A new visitor's identity: a version 7 UUID (RFC 9562), time first for the same reason as the
   * SIDs.
   */
  public String identity() {
    byte[] bytes = timeThenRandom();
    bytes[6] = (byte) (0x70 | (bytes[6] & 0x0f));
    bytes[8] = (byte) (0x80 | (bytes[8] & 0x3f));
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }

  /** 16 bytes: the milliseconds since 1970 in the first six, big-endian, then random ones. */
  private byte[] timeThenRandom() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    long millis = System.currentTimeMillis();
    for (int i = 0; i < TIME_BYTES; i++) {
      bytes[i] = (byte) (millis >>> (8 * (TIME_BYTES - 1 - i)));
    }
    return bytes;
  }

  /** A random secret of {@code bytes} bytes as lower-case hex (auth tokens, key secrets). */
  public String secret(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HEX.formatHex(value);
  }
}
