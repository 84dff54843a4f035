package dev.parley.media;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How large an upload may be, how many media one message may carry and which content types are
 * accepted. The defaults are Twilio's for a web chat address (Flex "File Attachments and API
 * Limits": 16 MiB per file, 64 MiB per message), the ten media files Twilio allows in one message
 * (error 21623), and any content type, as Twilio's Media Content Service takes any for a chat
 * participant (Twilio's web chat app narrows the choice in the browser, not the service). The
 * realtime configuration advertises these same values (docs/media.md, "Limits").
 *
 * @param acceptedTypes content types ({@code image/png}) or whole families ({@code image/*});
 *     {@code *}{@code /*} accepts everything
 * @param unattachedFor how long an upload may wait for a message to attach it before it is swept
 *     (Twilio documents no figure; an hour is ample for a client that uploads, then sends)
 */
public record MediaLimits(
    long maxFileBytes,
    int maxPerMessage,
    long maxPerMessageBytes,
    List<String> acceptedTypes,
    Duration unattachedFor) {
  public static final List<String> ANY_TYPE = List.of("*/*");
  public static final Duration UNATTACHED_FOR = Duration.ofHours(1);
  public static final MediaLimits DEFAULT =
      new MediaLimits(16L << 20, 10, 64L << 20, ANY_TYPE, UNATTACHED_FOR);

  public MediaLimits {
    if (maxFileBytes < 1 || maxPerMessage < 1 || maxPerMessageBytes < 1) {
      throw new IllegalArgumentException("media limits must be positive");
    }
    if (unattachedFor == null || unattachedFor.isNegative() || unattachedFor.isZero()) {
      throw new IllegalArgumentException("unattached media must be kept for some time");
    }
    acceptedTypes =
        acceptedTypes == null || acceptedTypes.isEmpty()
            ? ANY_TYPE
            : acceptedTypes.stream().map(MediaLimits::normalized).toList();
    for (String type : acceptedTypes) {
      if (!type.matches("(\\*/\\*|[a-z0-9!#$&^_.+-]+/(\\*|[a-z0-9!#$&^_.+-]+))")) {
        throw new IllegalArgumentException(
            "an accepted media type must look like type/subtype or type/*, not " + type);
      }
    }
  }

  /** These sizes, any content type, unattached uploads kept an hour. */
  public MediaLimits(long maxFileBytes, int maxPerMessage, long maxPerMessageBytes) {
    this(maxFileBytes, maxPerMessage, maxPerMessageBytes, ANY_TYPE, UNATTACHED_FOR);
  }

  /**
   * Whether an upload of {@code contentType} (parameters such as {@code charset} ignored) is taken.
   */
  public boolean accepts(String contentType) {
    String type = normalized(contentType);
    String family = type.substring(0, Math.max(0, type.indexOf('/'))) + "/*";
    return acceptedTypes.stream()
        .anyMatch(a -> a.equals("*/*") || a.equals(type) || a.equals(family));
  }

  private static String normalized(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
