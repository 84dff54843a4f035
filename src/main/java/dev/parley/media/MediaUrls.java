package dev.parley.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of temporary content URLs ({@code links.content_direct_temporary}): an HMAC-SHA256
 * under a key derived from the master key (so every node checks what any node signed) over the
 * service, the medium and the expiry. The URL works without credentials until it expires, for that
 * medium only; Twilio's are pre-signed S3 URLs that last five minutes, and so do these.
 */
public final class MediaUrls {
  public static final Duration LIFETIME = Duration.ofMinutes(5);
  private final SecretKeySpec key;
  private final Clock clock;

  public MediaUrls(byte[] key, Clock clock) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.clock = clock;
  }

  /** A signed grant to read one medium: its expiry (Unix seconds) and signature. */
  public record Signed(long expires, String signature) {}

  public Signed sign(String serviceSid, String mediaSid) {
    long expires = clock.instant().plus(LIFETIME).getEpochSecond();
    return new Signed(expires, signature(serviceSid, mediaSid, expires));
  }

  /** Whether {@code signature} grants {@code mediaSid} of {@code serviceSid} now. */
  public boolean verify(String serviceSid, String mediaSid, String expires, String signature) {
    long at;
    try {
      at = Long.parseLong(expires);
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
    if (signature == null || !clock.instant().isBefore(Instant.ofEpochSecond(at))) {
      return false;
    }
    return MessageDigest.isEqual(
        signature(serviceSid, mediaSid, at).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(String serviceSid, String mediaSid, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest =
          mac.doFinal(
              (serviceSid + "\n" + mediaSid + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a media URL", e);
    }
  }
}
