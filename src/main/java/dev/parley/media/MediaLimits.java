package dev.parley.media;

/**
 * How large an upload may be and how many media one message may carry. The defaults are Twilio's
 * for a web chat address (Flex "File Attachments and API Limits": 16 MiB per file, 64 MiB per
 * message) and the ten media files Twilio allows in one message (error 21623).
 */
public record MediaLimits(long maxFileBytes, int maxPerMessage, long maxPerMessageBytes) {
  public static final MediaLimits DEFAULT = new MediaLimits(16L << 20, 10, 64L << 20);

  public MediaLimits {
    if (maxFileBytes < 1 || maxPerMessage < 1 || maxPerMessageBytes < 1) {
      throw new IllegalArgumentException("media limits must be positive");
    }
  }
}
