package dev.parley.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Twilio-Signature}, as twilio-java's {@code RequestValidator} checks it
 * (https://www.twilio.com/docs/usage/security#validating-requests): Base64 of HMAC-SHA1, keyed by
 * the account's auth token, over the URL Twilio called followed by each POST parameter's name and
 * value in name order, without separators. A GET signs its full URL, query included, alone.
 */
final class TwilioSignature {
  private TwilioSignature() {}

  static String of(String authToken, String url, Map<String, String> postParams) {
    StringBuilder data = new StringBuilder(url);
    // TreeMap orders names as Collections.sort does in RequestValidator (plain String order).
    new TreeMap<>(postParams).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
