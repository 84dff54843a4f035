package dev.parley.ids;

import java.security.SecureRandom;
import java.util.HexFormat;

/** SIDs with 128 bits from a secure random source, so they cannot be guessed. */
public final class RandomSids implements SidGenerator {
  private static final HexFormat HEX = HexFormat.of();
  private final SecureRandom random = new SecureRandom();

  @Override
  public String next(SidPrefix prefix) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return prefix.letters() + HEX.formatHex(bytes);
  }

  /** A random secret of {@code bytes} bytes as lower-case hex (auth tokens, key secrets). */
  public String secret(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HEX.formatHex(value);
  }
}
