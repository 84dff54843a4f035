package dev.parley.http;

import java.time.Duration;

/**
 * What one HTTP request may be and how long a client may take to send it. Anything over a size
 * limit is refused with a Twilio error (414, 431, 413, 400); a connection that has not sent a whole
 * request head within {@code headerTimeout}, or that sends and receives nothing for {@code
 * idleTimeout}, is closed.
 */
public record HttpLimits(
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxBodyBytes,
    int maxFormFields,
    Duration headerTimeout,
    Duration idleTimeout) {

  /** 8 KiB request line and 16 KiB of headers, as nginx's default large header buffers allow. */
  public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;

  public static final int MAX_HEADER_BYTES = 16 * 1024;

  /**
   * One mebibyte: a 1,600-character Body or a large Attributes, percent-encoded, fits many times.
   */
  public static final int MAX_BODY_BYTES = 1 << 20;

  /** Twilio's largest forms (ConversationWithParticipants, roles' permissions) use a few dozen. */
  public static final int MAX_FORM_FIELDS = 256;

  public static final HttpLimits DEFAULT =
      new HttpLimits(
          MAX_REQUEST_LINE_BYTES,
          MAX_HEADER_BYTES,
          MAX_BODY_BYTES,
          MAX_FORM_FIELDS,
          Duration.ofSeconds(10),
          Duration.ofSeconds(120));

  public HttpLimits {
    if (headerTimeout.isNegative()
        || headerTimeout.isZero()
        || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException("HTTP timeouts must be at least one second");
    }
  }

  /** These limits with other timeouts (the sizes stay). */
  public HttpLimits withTimeouts(Duration header, Duration idle) {
    return new HttpLimits(
        maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, maxFormFields, header, idle);
  }
}
