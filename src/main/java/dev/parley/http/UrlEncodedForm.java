package dev.parley.http;

import dev.parley.error.ApiException;
import dev.parley.error.TwilioError;
import io.vertx.core.MultiMap;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body the way Twilio's clients encode one
 * (twilio-java's {@code URLEncoder}, browsers' {@code URLSearchParams}): fields split on {@code &},
 * each name and value split on its first {@code =}, {@code +} a space, {@code %XX} a byte, the
 * bytes UTF-8. A repeated name keeps every value in order ({@code MediaSid=ME1&MediaSid=ME2});
 * names match without regard to case, as Vert.x's form attributes did. Empty fields ({@code
 * a=1&&b=2}) are skipped and a name without {@code =} has the empty value, as Netty's decoder had
 * them.
 *
 * <p>Stricter than Netty's decoder, which replaced bytes that are not UTF-8 with U+FFFD: a body
 * that is not UTF-8 is refused, like a malformed escape, a field with no name ({@code =x}) or more
 * than the field limit, with a 400 (20001) that says which. A raw CR or LF is part of a value
 * (Netty ended the form at the first line break and dropped the rest).
 *
 * <p>Written here rather than taken from Netty's {@code HttpPostStandardRequestDecoder}: that
 * decoder and the body handler around it were 14 % of the event loop's time on a message post
 * (docs/benchmarks.md), for a format this small.
 */
final class UrlEncodedForm {
  private UrlEncodedForm() {}

  /** The fields of {@code body}; throws a 400 {@link ApiException} for a malformed one. */
  static MultiMap decode(byte[] body, int maxFields) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    int fields = 0;
    int start = 0;
    while (start < body.length) {
      int end = indexOf(body, (byte) '&', start, body.length);
      if (end > start) {
        int equals = indexOf(body, (byte) '=', start, end);
        if (equals == start) {
          throw malformed("a form field has no name");
        }
        if (++fields > maxFields) {
          throw malformed("the form body has more than " + maxFields + " fields");
        }
        if (equals == end) {
          form.add(text(body, start, end), "");
        } else {
          form.add(text(body, start, equals), text(body, equals + 1, end));
        }
      }
      start = end + 1;
    }
    return form;
  }

  /** The first {@code b} in {@code bytes[from, to)}, or {@code to}. */
  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return to;
  }

  /** {@code bytes[from, to)} decoded: {@code +} and {@code %XX} resolved, then strict UTF-8. */
  private static String text(byte[] bytes, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      byte b = bytes[i];
      plain = b != '%' && b != '+' && b >= 0;
    }
    if (plain) {
      // Only ASCII and nothing to resolve: the common case, without a decoder.
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    byte[] decoded = new byte[to - from];
    int length = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '%') {
        int high = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
        int low = i + 2 < to ? Character.digit(bytes[i + 2], 16) : -1;
        if (high < 0 || low < 0) {
          throw malformed("malformed percent-encoding in the form body");
        }
        decoded[length++] = (byte) (high << 4 | low);
        i += 2;
      } else {
        decoded[length++] = b == '+' ? (byte) ' ' : b;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("the form body is not UTF-8");
    }
  }

  private static ApiException malformed(String why) {
    return new ApiException(TwilioError.MALFORMED_REQUEST, why);
  }
}
