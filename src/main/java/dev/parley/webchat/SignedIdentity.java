package dev.parley.webchat;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A site's signed visitor (docs/verified-visitors.md): its own {@code identity}, optional profile
 * fields (null when not sent) and {@code hash}, the hex HMAC-SHA256 under the deployment's identity
 * secret of {@link #message()}. The message binds every field sent: the identity alone when no
 * profile field is sent (Chatwoot's identity validation), otherwise four lines, identity, friendly
 * name, email and attributes (an absent field is an empty line). The identity, name and email may
 * hold no line break, so the lines cannot be shifted, and the attributes (the exact JSON text sent)
 * are the rest of the message; the one-line form cannot equal a four-line one.
 */
public record SignedIdentity(
    String identity, String friendlyName, String email, String attributes, String hash) {

  /** Checks the shape of the fields at the edge, before any secret is read. */
  public SignedIdentity {
    requireLine("Identity", identity);
    requireLine("IdentityFriendlyName", friendlyName);
    requireLine("IdentityEmail", email);
  }

  private static void requireLine(String name, String value) {
    if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
      throw ApiException.invalid(name, "may not contain a line break");
    }
  }

  public boolean hasProfile() {
    return friendlyName != null || email != null || attributes != null;
  }

  /** The text the site signs. */
  public String message() {
    if (!hasProfile()) {
      return identity;
    }
    return identity + "\n" + or(friendlyName) + "\n" + or(email) + "\n" + or(attributes);
  }

  /**
   * Whether {@code hash} is the HMAC of the message under {@code secret}: compared in constant time
   * over the decoded bytes (upper- or lower-case hex), so timing tells nothing of the expected
   * hash; a hash that is not 64 hex digits never matches.
   */
  public boolean signedWith(String secret) {
    if (secret == null || hash == null || hash.length() != 64) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hash.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, message()), given);
  }

  static byte[] hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static String or(String value) {
    return value == null ? "" : value;
  }

  /** The error for a hash that does not match. */
  static ApiException mismatch() {
    return new ApiException(TwilioError.IDENTITY_HASH_INVALID);
  }
}
