package dev.parley.agents;

import dev.parley.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Agent passwords as Argon2id (RFC 9106) in the PHC string format, with OWASP's minimum parameters
 * (19 MiB, 2 passes, 1 lane:
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html). A stored hash
 * carries its own parameters, so raising them later still verifies older ones.
 */
public final class PasswordHash {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 256;
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int PASSES = 2;
  private static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Checked before the first hash, so an unknown identity costs a log-in as much as a known one.
   */
  private static final String DUMMY = hash("parley-dummy-password");

  private PasswordHash() {}

  /** 400 for a password too short or too long (NIST SP 800-63B asks for at least 8). */
  public static void requireAcceptable(String parameter, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw ApiException.invalid(parameter, "must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw ApiException.invalid(parameter, "must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with a new random salt. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(MEMORY_KIB, PASSES, LANES, B64.encodeToString(salt), B64.encodeToString(hash));
  }

  /** Whether {@code password} matches {@code stored}, compared in constant time. */
  public static boolean verify(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      throw new IllegalStateException("not an Argon2id PHC string");
    }
    int memory = 0;
    int passes = 0;
    int lanes = 0;
    for (String parameter : parts[3].split(",")) {
      int value = Integer.parseInt(parameter.substring(2));
      switch (parameter.charAt(0)) {
        case 'm' -> memory = value;
        case 't' -> passes = value;
        case 'p' -> lanes = value;
        default -> throw new IllegalStateException("unknown Argon2 parameter " + parameter);
      }
    }
    byte[] expected = B64_DECODE.decode(parts[5]);
    byte[] actual =
        derive(password, B64_DECODE.decode(parts[4]), memory, passes, lanes, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends a verification's time for nothing (an identity no agent has). */
  public static void burn(String password) {
    verify(password, DUMMY);
  }

  private static byte[] derive(
      String password, byte[] salt, int memory, int passes, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memory)
            .withIterations(passes)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
